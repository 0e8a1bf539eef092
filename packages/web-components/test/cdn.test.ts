// The CDN bundles as a page would load them: one <script type=module>, no build step, Lit inside.
// Run after `npm run build` (scripts/test.mjs builds when dist/ is missing).

const wait = async (check: () => unknown, what: string) => {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('CDN bundles', () => {
  it('login-form.js defines <latch-login-form> alone, which signs in without a provider', async () => {
    await import(/* @vite-ignore */ `${location.origin}/dist/cdn/login-form.js`);
    if (!customElements.get('latch-login-form')) throw new Error('latch-login-form is not defined');
    if (customElements.get('latch-provider')) throw new Error('latch-provider should not be in the login-form bundle');
    const user = await (await fetch('/__test/user', { method: 'POST' })).json();
    const form = document.createElement('latch-login-form');
    document.body.append(form);
    const root = () => form.shadowRoot!;
    await wait(() => root()?.querySelector('#email'), 'the form');
    const signedIn = new Promise<any>((resolve) => form.addEventListener('latch-signed-in', resolve, { once: true }));
    const email = root().querySelector<HTMLInputElement>('#email')!;
    const password = root().querySelector<HTMLInputElement>('#password')!;
    email.value = user.email;
    password.value = user.password;
    password.form!.requestSubmit();
    const event = await signedIn;
    if (event.user.email !== user.email) throw new Error(`signed in as ${event.user.email}`);
    form.remove();
    await fetch('/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  });

  it('locales/de.js registers German for the login-form bundle, also for a form already on the page', async () => {
    const form = document.createElement('latch-login-form');
    form.lang = 'de';
    document.body.append(form);
    const heading = () => form.shadowRoot?.querySelector('h2')?.textContent;
    await wait(() => heading() === 'Sign in', 'the English form');
    const de = await import(/* @vite-ignore */ `${location.origin}/dist/cdn/locales/de.js`);
    if (de.de?.code !== 'de') throw new Error('locales/de.js does not export the translation');
    await wait(() => heading() === 'Anmelden', 'the German form');
    form.remove();
  });

  it('latch.js defines every element and exports the classes', async () => {
    const lib = await import(/* @vite-ignore */ `${location.origin}/dist/cdn/latch.js`);
    const tags = [
      'latch-provider', 'latch-login-form', 'latch-signup-form', 'latch-forgot-password', 'latch-reset-password', 'latch-verify-email',
      'latch-confirm-email', 'latch-accept-invite', 'latch-security-settings', 'latch-profile-panel', 'latch-password-panel',
      'latch-two-factor-panel', 'latch-passkeys-panel', 'latch-sessions-panel', 'latch-api-keys-panel', 'latch-ssh-keys-panel',
      'latch-activity-panel', 'latch-secure-account-panel', 'latch-idle-timeout',
      'latch-organization-members', 'latch-organization-switcher', 'latch-create-organization',
    ];
    const missing = tags.filter((t) => !customElements.get(t));
    if (missing.length) throw new Error(`not defined: ${missing.join(', ')}`);
    if (typeof lib.LatchClient !== 'function' || typeof lib.LatchSecuritySettings !== 'function') throw new Error('classes are not exported');
    // Every bundle shares one registry: German, loaded next to login-form.js above, is there too.
    if (lib.pickLang('de-AT') !== 'de') throw new Error(`latch.js does not see the German registered earlier: ${lib.pickLang('de-AT')}`);
    lib.registerTranslation({ code: 'nl', signIn: { title: 'Inloggen' } });
    if (lib.lookupTranslation('nl').signIn.title !== 'Inloggen') throw new Error('registerTranslation from latch.js has no effect');
  });
});
