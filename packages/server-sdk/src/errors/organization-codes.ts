import { defineErrors } from './define.js';

/** Codes of organizations: slugs, ownership, memberships and invitations. */
export const organizationErrors = defineErrors({
  slug_taken: {
    status: 409, title: 'Slug taken', message: 'Another organization already uses this slug.',
    description: 'An organization with this slug exists; choose another (or leave it out to derive one from the name).',
  },
  last_owner: {
    status: 409, title: 'Last owner', message: 'An organization needs at least one owner.',
    description: 'The change would leave the organization without an owner: make someone else owner first.',
  },
  already_member: {
    status: 409, title: 'Already a member', message: 'This person is already a member of the organization.',
    description: 'An invitation to an address whose account is already a member.',
  },
  invitation_mismatch: {
    status: 403, title: 'Invitation for another address', message: 'This invitation was sent to another email address.',
    description: 'The signed-in account\'s email is not the one the invitation was sent to: sign in with that address.',
  },
});
