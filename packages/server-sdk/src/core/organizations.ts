import type { RequestContext } from '../context.js';
import type { AuthState } from './auth-state.js';
import type { SignInOutcome } from './sign-in.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';

/** A member's standing in one organization, as authorization sees it. */
export interface OrganizationGrant {
  /** The organization's id. */
  id: string;
  /** The member's role in it (`owner`, `admin`, `manager`, `viewer` or a configured one). */
  role: string;
  /** The role's rank: a higher rank may do all a lower one may. */
  rank: number;
  /** What the role may do there (`members:write`, …). */
  permissions: readonly string[];
}

/** The organization a session works in, as `GET /me` shows it. */
export interface OrganizationSummary {
  id: string;
  name: string;
  slug: string;
}

/**
 * What the core asks of the organizations feature: whether a user belongs to an organization and
 * with which role. Answers are cached per process and dropped by every revocation that names the
 * user, so a removed member loses the organization on their next request in every process.
 */
export interface OrganizationPort {
  /** The user's current membership, or null when they are not a member. */
  membership(userId: string, organizationId: string): Promise<OrganizationGrant | null>;
  /** Name and slug of an organization, or null when it does not exist. */
  describe(organizationId: string): Promise<OrganizationSummary | null>;
  /** The rank of a role name (built-in or configured), undefined when unknown. */
  rankOf(role: string): number | undefined;
  /** What a role may do (`members:write`, …); empty when unknown. */
  permissionsOf(role: string): readonly string[];
}

/** What Latch answers without the organizations feature: nobody belongs to any organization. */
export const noOrganizations: OrganizationPort = {
  membership: async () => null,
  describe: async () => null,
  rankOf: () => undefined,
  permissionsOf: () => [],
};

/**
 * The outcome of accepting an invitation: a sign-in (a new account), with the organization joined
 * when there is one; or, for a signed-in account, the organization joined on its current session.
 */
export type InvitationOutcome =
  | (SignInOutcome & { organization?: OrganizationSummary })
  | { kind: 'joined'; user: UserRecord; session: SessionRecord; organization: OrganizationSummary };

/** Input of `POST /invitations/accept`. */
export interface InvitationInput {
  token: string;
  password?: string;
  displayName?: string;
}

/**
 * A kind of invitation link a feature issues (organization invitations). `POST /invitations/accept`
 * asks each in turn, then the core's own account invitations.
 */
export interface InvitationAcceptor {
  /** Accepts the invitation, or returns null when the token is not one of this acceptor's. */
  accept(input: InvitationInput, caller: AuthState | null, ctx: RequestContext): Promise<InvitationOutcome | null>;
}
