import type { AdminUser } from '../api/types.js';

/** What an administrator did to an account in `<latch-admin-users>`. */
export type AdminUserAction =
  | 'created'
  | 'updated'
  | 'roles-changed'
  | 'disabled'
  | 'enabled'
  | 'password-reset-sent'
  | 'signed-out-everywhere'
  | 'two-factor-removed'
  | 'api-key-revoked';

/**
 * Fired by `<latch-admin-users>` after the server accepted a change to an account, with the
 * account as it is now.
 * @example admin.addEventListener('latch-admin-user-change', (e) => log(e.action, e.user.email));
 */
export class LatchAdminUserChangeEvent extends Event {
  static readonly eventName = 'latch-admin-user-change';
  constructor(readonly action: AdminUserAction, readonly user: AdminUser) {
    super(LatchAdminUserChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-admin-user-change': LatchAdminUserChangeEvent }
}
