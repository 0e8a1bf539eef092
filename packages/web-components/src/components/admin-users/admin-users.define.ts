import { LatchAdminUsers } from './admin-users.js';
import { defineElement } from '../../internal/define.js';

export { LatchAdminUsers };
defineElement('latch-admin-users', LatchAdminUsers);

declare global {
  interface HTMLElementTagNameMap { 'latch-admin-users': LatchAdminUsers }
}
