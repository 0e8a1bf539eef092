/**
 * CDN entry: `<latch-login-form>` alone, Lit included. English is built in; load `locales/<code>.js`
 * next to it for another shipped language, or call `registerTranslation` for your own.
 */
export { LatchLoginForm } from '../components/login-form/login-form.define.js';
export { LatchClient, LatchProblem } from '../api/client.js';
export { LatchSignedInEvent } from '../events/signed-in.js';
export { registerTranslation } from '../locales/translation.js';
