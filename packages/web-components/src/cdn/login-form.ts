/** CDN entry: `<latch-login-form>` alone, Lit included. */
export { LatchLoginForm } from '../components/login-form/login-form.define.js';
export { LatchClient, LatchProblem } from '../api/client.js';
export { LatchSignedInEvent } from '../events/signed-in.js';
