import { LatchError, type LatchErrorOptions } from './latch-error.js';

/** The slug another organization already uses. */
export class SlugTakenError extends LatchError<'slug_taken'> {
  static readonly code = 'slug_taken';
  constructor(options?: LatchErrorOptions) { super('slug_taken', options); }
}
/** A change that would leave an organization without an owner. */
export class LastOwnerError extends LatchError<'last_owner'> {
  static readonly code = 'last_owner';
  constructor(options?: LatchErrorOptions) { super('last_owner', options); }
}
/** An invitation to someone who is already a member. */
export class AlreadyMemberError extends LatchError<'already_member'> {
  static readonly code = 'already_member';
  constructor(options?: LatchErrorOptions) { super('already_member', options); }
}
/** An invitation accepted by an account with another email address. */
export class InvitationMismatchError extends LatchError<'invitation_mismatch'> {
  static readonly code = 'invitation_mismatch';
  constructor(options?: LatchErrorOptions) { super('invitation_mismatch', options); }
}

declare module './classes.js' {
  interface ErrorsByCode {
    slug_taken: SlugTakenError;
    last_owner: LastOwnerError;
    already_member: AlreadyMemberError;
    invitation_mismatch: InvitationMismatchError;
  }
}
