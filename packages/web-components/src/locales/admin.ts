/** Strings of `<latch-admin-users>`, the platform administration console. */
export interface AdminStrings {
  title: string;
  signedOut: string;
  noAccess: string;
  readOnly: string;
  // List, search and filters
  searchLabel: string;
  search: string;
  role: string;
  anyRole: string;
  kind: string;
  anyKind: string;
  /** The built-in kind `user`, when the configuration gives it no label. */
  userKind: string;
  status: string;
  anyStatus: string;
  enabled: string;
  disabled: string;
  clearFilters: string;
  shown: (n: number) => string;
  noUsers: string;
  loadMore: string;
  you: string;
  noRoles: string;
  /** Names of the platform roles by role, e.g. `super_admin`. */
  roleNames: Record<string, string>;
  // Create
  createUser: string;
  createTitle: string;
  createIntro: string;
  kindHint: string;
  kindInvalid: string;
  sendInvitation: string;
  invitationSent: (email: string) => string;
  // Detail
  back: string;
  profileTitle: string;
  email: string;
  verified: string;
  notVerified: string;
  phone: string;
  phoneHint: string;
  noPhone: string;
  created: string;
  saveProfile: string;
  profileSaved: string;
  rolesTitle: string;
  rolesOwn: string;
  rolesFixed: (roles: string) => string;
  saveRoles: string;
  rolesSaved: string;
  statusTitle: string;
  disable: string;
  enable: string;
  disableTitle: (name: string) => string;
  disableBody: string;
  disableConfirm: string;
  disabledDone: (name: string) => string;
  enabledDone: (name: string) => string;
  accessTitle: string;
  sessions: (n: number) => string;
  sendReset: string;
  resetSent: (email: string) => string;
  resetDisabledHint: string;
  signOutEverywhere: string;
  signedOutEverywhere: (name: string) => string;
  twoFactorTitle: string;
  factorTotp: string;
  factorEmail: string;
  factorPasskeys: (n: number) => string;
  factorBackupCodes: (n: number) => string;
  noFactors: string;
  removeFactors: string;
  removeFactorsTitle: (name: string) => string;
  removeFactorsBody: string;
  removeFactorsConfirm: string;
  yourPassword: string;
  factorsRemoved: (name: string) => string;
  apiKeysTitle: string;
  noApiKeys: string;
  keyDetails: (prefix: string, scopes: string) => string;
  lastUsed: string;
  never: string;
  revokeKey: string;
  keyRevoked: (name: string) => string;
  activityTitle: string;
  noActivity: string;
  byAdministrator: string;
  showMore: string;
  organizationsTitle: string;
  noOrganizations: string;
  /** Names of the organization roles (a host's own roles show as they are named). */
  orgRoleNames: Record<string, string>;
  /** Words for admin audit event types (the account's own events use the settings' `activity`). */
  activity: Record<string, string>;
  /** A 409 `conflict` when disabling or changing roles: the last-administrator rule. */
  lastAdministrator: string;
  /** A 409 `conflict` when sending a reset link: the account is disabled. */
  enableFirst: string;
  /** Words for problem codes of the administration API. */
  problems: Record<string, string>;
}
