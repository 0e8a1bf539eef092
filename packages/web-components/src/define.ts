/** Defines every Latch tag (the one import that "just works"). */
import './components/provider/latch-provider.define.js';
import './components/login-form/login-form.define.js';
import './components/signup-form/signup-form.define.js';
import './components/forgot-password/forgot-password.define.js';
import './components/reset-password/reset-password.define.js';
import './components/verify-email/verify-email.define.js';
import './components/confirm-email/confirm-email.define.js';
import './components/accept-invite/accept-invite.define.js';
import './components/security-settings/security-settings.define.js';
import './components/idle-timeout/idle-timeout.define.js';
import './components/admin-users/admin-users.define.js';
import './components/organization-members/organization-members.define.js';
import './components/organization-switcher/organization-switcher.define.js';
import './components/organization-create/organization-create.define.js';
