import { z } from 'zod';
import { isoTime, named, pageOf } from '../response-schemas.js';
import type { AuditEventRecord } from '../storage/types.js';
import type { InvitationRecord, MemberWithUser, OrganizationRecord } from './repository.js';

/** An organization as the API shows it. */
export const organizationSchema = named('Organization', z.object({
  id: z.string(),
  name: z.string(),
  /** Lower-case letters, digits and inner dashes: unique, for URLs. */
  slug: z.string(),
  createdAt: isoTime,
}));

/** `{ organization }`. */
export const organizationAnswerSchema = named('OrganizationAnswer', z.object({ organization: organizationSchema }));

/** `{ organization, role }`: an organization and the caller's role in it. */
export const organizationWithRoleSchema = named('OrganizationWithRole', z.object({ organization: organizationSchema, role: z.string() }));

/** One of the caller's organizations (`GET /orgs`). */
export const myOrganizationSchema = named('MyOrganization', z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  role: z.string(),
  /** Present (true) when the role needs a second factor the caller has not set up: the membership grants nothing until then. */
  twoFactorSetupRequired: z.literal(true).optional(),
}));

/** A member as the organization's lists show it: the account's public fields, the role and the member's kind here. */
export const organizationMemberSchema = named('OrganizationMember', z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    /** The account's own kind. */
    kind: z.string(),
    phoneNumber: z.string().nullable(),
  }),
  role: z.string(),
  /** The member's kind in this organization (null when none was given). */
  kind: z.string().nullable(),
  joinedAt: isoTime,
}));

/** `{ member }`. */
export const memberAnswerSchema = named('OrganizationMemberAnswer', z.object({ member: organizationMemberSchema }));

/** A pending invitation (never its token). */
export const organizationInvitationSchema = named('OrganizationInvitation', z.object({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  kind: z.string().nullable(),
  createdAt: isoTime,
  expiresAt: isoTime,
  /** The link no longer works; a resend makes a new one. */
  expired: z.boolean(),
}));

/** `{ invitation }`. */
export const invitationAnswerSchema = named('OrganizationInvitationAnswer', z.object({ invitation: organizationInvitationSchema }));

/** One event of an organization's activity (who did what to whom; no addresses or browsers). */
export const organizationActivityEventSchema = named('OrganizationActivityEvent', z.object({
  id: z.string(),
  type: z.string(),
  at: isoTime,
  /** The member (or account) the event is about. */
  userId: z.string().nullable(),
  /** Who did it. */
  actorId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
}));

/** `POST /me/active-organization`: the organization the session works in now, or nulls. */
export const activeOrganizationAnswerSchema = named('ActiveOrganizationAnswer', z.object({
  organization: organizationSchema.nullable(),
  role: z.string().nullable(),
}));

export const myOrganizationsPageSchema = pageOf(myOrganizationSchema);
export const membersPageSchema = pageOf(organizationMemberSchema);
export const invitationsPageSchema = pageOf(organizationInvitationSchema);
export const activityPageSchema = pageOf(organizationActivityEventSchema);

export type OrganizationView = z.infer<typeof organizationSchema>;
export type OrganizationMemberView = z.infer<typeof organizationMemberSchema>;
export type OrganizationInvitationView = z.infer<typeof organizationInvitationSchema>;
export type OrganizationActivityEvent = z.infer<typeof organizationActivityEventSchema>;

export function toOrganizationView(org: OrganizationRecord): OrganizationView {
  return { id: org.id, name: org.name, slug: org.slug, createdAt: org.createdAt.toISOString() };
}

export function toMemberView(member: MemberWithUser): OrganizationMemberView {
  const { user } = member;
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, kind: user.kind, phoneNumber: user.phoneNumber },
    role: member.role,
    kind: member.kind,
    joinedAt: member.joinedAt.toISOString(),
  };
}

export function toInvitationView(invitation: InvitationRecord, now: Date): OrganizationInvitationView {
  return {
    id: invitation.id, email: invitation.email, role: invitation.role, kind: invitation.kind,
    createdAt: invitation.createdAt.toISOString(), expiresAt: invitation.expiresAt.toISOString(), expired: invitation.expiresAt <= now,
  };
}

export function toActivityEvent(event: AuditEventRecord): OrganizationActivityEvent {
  const { requestId: _requestId, ...detail } = event.detail;
  return { id: event.id, type: event.type, at: event.at.toISOString(), userId: event.userId, actorId: event.actorId, detail };
}
