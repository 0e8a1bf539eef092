import { LatchSecuritySettings } from './security-settings.js';
import { defineElement } from '../../internal/define.js';
import '../profile-panel/profile-panel.define.js';
import '../password-panel/password-panel.define.js';
import '../two-factor-panel/two-factor-panel.define.js';
import '../passkeys-panel/passkeys-panel.define.js';
import '../sessions-panel/sessions-panel.define.js';
import '../api-keys-panel/api-keys-panel.define.js';
import '../ssh-keys-panel/ssh-keys-panel.define.js';
import '../activity-panel/activity-panel.define.js';
import '../secure-account-panel/secure-account-panel.define.js';

export { LatchSecuritySettings };
defineElement('latch-security-settings', LatchSecuritySettings);

declare global {
  interface HTMLElementTagNameMap { 'latch-security-settings': LatchSecuritySettings }
}
