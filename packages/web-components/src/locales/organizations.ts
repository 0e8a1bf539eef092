/**
 * Strings of the organization elements: `<latch-organization-members>`,
 * `<latch-organization-switcher>` and `<latch-create-organization>`.
 */
export interface OrganizationStrings {
  // Members
  membersTitle: string;
  noActiveOrganization: string;
  notFound: string;
  yourRole: (role: string) => string;
  kindTabs: string;
  allKinds: string;
  searchLabel: string;
  search: string;
  noMembers: string;
  shown: (n: number) => string;
  loadMore: string;
  you: string;
  role: string;
  kind: string;
  phone: string;
  joined: string;
  none: string;
  edit: string;
  editMember: (name: string) => string;
  kindHint: string;
  phoneHint: string;
  phoneInvalid: string;
  save: string;
  memberUpdated: (name: string) => string;
  remove: string;
  removeMember: (name: string) => string;
  removeConfirm: (name: string, organization: string) => string;
  memberRemoved: (name: string) => string;
  leave: string;
  leaveConfirm: (organization: string) => string;
  left: (organization: string) => string;
  // Invitations
  inviteTitle: string;
  inviteSubmit: string;
  invitationSent: (email: string) => string;
  pendingTitle: string;
  noPending: string;
  expires: string;
  expired: string;
  resend: string;
  resendTo: (email: string) => string;
  resent: (email: string) => string;
  revoke: string;
  revokeFor: (email: string) => string;
  revoked: (email: string) => string;
  /** Names of the built-in organization roles; a host's own roles show their name. */
  roleNames: Record<string, string>;
  // Switcher
  switcherLabel: string;
  noOrganization: string;
  organizations: string;
  noOrganizations: string;
  switched: (organization: string) => string;
  newOrganization: string;
  // Create
  createTitle: string;
  createIntro: string;
  name: string;
  slug: string;
  slugHint: string;
  slugInvalid: string;
  createSubmit: string;
  createForbidden: string;
  created: (organization: string) => string;
  /** Words for the problem codes only these elements meet. */
  problems: Record<string, string>;
}
