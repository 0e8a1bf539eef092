// Open localization: shipped language modules, the fallback chain, and a host's own language,
// with elements that were already on the page when a translation arrived.
import { html } from 'lit';
import type { LatchLoginForm } from '../components/login-form/login-form.js';
import type { LatchSecuritySettings } from '../components/security-settings/security-settings.js';
import { lookupTranslation, pickLang, registerTranslation } from './translation.js';
import { all, cleanup, deep, equal, expectAccessible, fixture, signedInUser, signOut, waitFor } from '../../test/helpers.js';

const heading = (el: Element) => deep(el, 'h2')?.textContent;
const labels = (el: Element) => all(el, 'label').map((l) => l.textContent?.trim());
/** The login form re-renders once its configuration arrives: wait, so a later re-render is the translation's. */
const configLoaded = (form: Element) => waitFor(() => deep(form, '[part~=passkey-button]'), 'config to load');

describe('localization', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  // First, while German is not loaded yet in this page.
  it('re-renders elements already on the page when a language module loads after them', async () => {
    const el = await fixture<HTMLElement>(html`<div lang="de-AT"><latch-login-form></latch-login-form></div>`);
    const form = el.querySelector<LatchLoginForm>('latch-login-form')!;
    await configLoaded(form);
    equal(heading(form), 'Sign in', 'before German is loaded:');
    await import('./de.js');
    await waitFor(() => heading(form) === 'Anmelden', 'German after the module loaded');
    equal(pickLang('de-AT'), 'de');
    equal(labels(form)[0], 'E-Mail-Adresse');
    equal(labels(form)[1], 'Passwort');
    equal(deep(form, 'a[href="/forgot-password"]')?.textContent, 'Passwort vergessen?');
  });

  it('speaks German with lang="de" on the element, the provider or the document, and stays accessible', async () => {
    const own = await fixture<LatchLoginForm>(html`<latch-login-form lang="de"></latch-login-form>`);
    equal(heading(own), 'Anmelden');
    await expectAccessible(own);

    const provided = await fixture<HTMLElement>(html`<latch-provider lang="de"><latch-login-form></latch-login-form></latch-provider>`);
    equal(heading(provided.querySelector('latch-login-form')!), 'Anmelden');

    const plain = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    equal(heading(plain), 'Sign in');
    const before = document.documentElement.getAttribute('lang');
    document.documentElement.lang = 'de';
    try {
      await waitFor(() => heading(plain) === 'Anmelden', 'German after <html lang> changed');
    } finally {
      if (before === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.lang = before;
    }
    await waitFor(() => heading(plain) === 'Sign in', 'English again');
  });

  it('shows the settings in German, plurals and interpolations included, and still fits 360 px', async () => {
    await signedInUser();
    const el = await fixture<HTMLElement>(html`<div lang="de" style="width:360px"><latch-security-settings></latch-security-settings></div>`);
    const settings = el.querySelector<LatchSecuritySettings>('latch-security-settings')!;
    await waitFor(() => deep(settings, '#api-keys', '#name'), 'API keys loaded');
    await waitFor(() => deep(settings, '#two-factor', '[data-factor]'), 'two-factor loaded');
    equal(deep(settings, '#sessions', 'h2')?.textContent, 'Sitzungen');
    equal(deep(settings, '#api-keys', 'h2')?.textContent, 'API-Schlüssel');
    equal(deep(settings, '#ssh-keys', 'h2')?.textContent, 'SSH-Schlüssel');
    equal(deep(settings, '#two-factor', 'h2')?.textContent, 'Zwei-Faktor-Authentifizierung');
    equal(deep(settings, '#api-keys', 'option[selected]')?.textContent, '90 Tage');
    const de = lookupTranslation('de').settings;
    equal(de.backupRemaining(1), 'Noch 1 unbenutzter Code.');
    equal(de.backupRemaining(7), 'Noch 7 unbenutzte Codes.');
    equal(de.uses(3), '3-mal verwendet');
    equal(lookupTranslation('de-CH').common.retryIn(30), 'Zu viele Versuche. Versuchen Sie es in 30 Sekunden erneut.');
    for (const p of ['profile', 'password', 'two-factor', 'passkeys', 'sessions', 'api-keys', 'ssh-keys', 'activity']) {
      await waitFor(() => !deep(settings, `#${p}`, '[role=status]')?.textContent?.includes('Wird geladen'), `${p} loaded`);
      const panel = deep(settings, `#${p}`)!;
      equal(panel.scrollWidth <= panel.clientWidth + 2, true, `${p} overflows: ${panel.scrollWidth} > ${panel.clientWidth}`);
    }
    await expectAccessible(el);
  });

  it('falls back to English for a language nobody registered, and to the base language for an unknown region', async () => {
    const unknown = await fixture<LatchLoginForm>(html`<latch-login-form lang="tlh"></latch-login-form>`);
    equal(heading(unknown), 'Sign in');
    equal(pickLang('tlh'), 'en');
    const region = await fixture<LatchLoginForm>(html`<latch-login-form lang="de-LI-x-test"></latch-login-form>`);
    equal(heading(region), 'Anmelden');
  });

  it('uses a language the host registers, in part over English, in an element already on the page', async () => {
    const el = await fixture<HTMLElement>(html`<div lang="nl-BE"><latch-login-form></latch-login-form></div>`);
    const form = el.querySelector<LatchLoginForm>('latch-login-form')!;
    await configLoaded(form);
    equal(heading(form), 'Sign in');
    registerTranslation({
      code: 'nl',
      common: { password: 'Wachtwoord', problems: { invalid_credentials: 'Het e-mailadres of wachtwoord klopt niet.' } },
      signIn: { title: 'Inloggen', submit: 'Inloggen' },
    });
    await waitFor(() => heading(form) === 'Inloggen', 'Dutch after registration');
    equal(labels(form)[1], 'Wachtwoord');
    equal(labels(form)[0], 'Email address', 'a string Dutch lacks falls back to English:');
    equal(pickLang('nl-BE'), 'nl');
    equal(lookupTranslation('nl').common.problems.rate_limited, 'Too many attempts. Please wait a moment and try again.');
    await expectAccessible(form);
  });

  it('lets the host override single strings of a shipped language', async () => {
    const form = await fixture<LatchLoginForm>(html`<latch-login-form lang="de"></latch-login-form>`);
    const english = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    await Promise.all([configLoaded(form), configLoaded(english)]);
    registerTranslation({ code: 'de', signIn: { forgot: 'Kennwort vergessen?' } });
    registerTranslation({ code: 'en', signIn: { title: 'Log in to Acme' } });
    await waitFor(() => deep(form, 'a[href="/forgot-password"]')?.textContent === 'Kennwort vergessen?', 'the override');
    equal(heading(form), 'Anmelden', 'the other German strings stay:');
    await waitFor(() => heading(english) === 'Log in to Acme', 'the English override');
  });
});
