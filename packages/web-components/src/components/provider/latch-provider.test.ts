import { html } from 'lit';
import type { LatchProvider } from './latch-provider.js';
import type { LatchSessionChangeEvent } from '../../events/session-change.js';
import type { LatchLoginForm } from '../login-form/login-form.js';
import { LatchSignedInEvent } from '../../events/signed-in.js';
import { assert, cleanup, deep, equal, expectAccessible, fixture, newUser, pressEnter, signOut, type, waitFor } from '../../../test/helpers.js';

describe('latch-provider', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('loads the configuration and the session and shares its client', async () => {
    const provider = await fixture<LatchProvider>(html`<latch-provider><latch-login-form></latch-login-form></latch-provider>`);
    await waitFor(() => provider.state.status !== 'loading', 'session');
    equal(provider.state.status, 'signed-out');
    equal(provider.state.config?.signUp, 'open');
    assert(provider.state.config?.passwordPolicy.minLength, 'password policy');
    const form = provider.querySelector<LatchLoginForm>('latch-login-form')!;
    equal(form.client, provider.client);
    await expectAccessible(provider);
  });

  it('refreshes the session when an element inside signs someone in', async () => {
    const user = await newUser();
    const provider = await fixture<LatchProvider>(html`<latch-provider><latch-login-form></latch-login-form></latch-provider>`);
    await waitFor(() => provider.state.status === 'signed-out', 'signed out first');
    const changed = new Promise<LatchSessionChangeEvent>((resolve) => provider.addEventListener('latch-session-change', resolve as EventListener));
    const form = provider.querySelector<LatchLoginForm>('latch-login-form')!;
    await type(deep(form, '#email'), user.email);
    await type(deep(form, '#password'), user.password);
    pressEnter(deep(form, '#password'));
    const event = await changed;
    equal(event.state.status, 'signed-in');
    equal(event.state.me?.user.email, user.email);
  });

  it('hands a different base URL to its elements', async () => {
    const provider = await fixture<LatchProvider>(html`<latch-provider base-url="/elsewhere/"><latch-login-form></latch-login-form></latch-provider>`);
    equal(provider.client.baseUrl, '/elsewhere');
    equal(provider.querySelector<LatchLoginForm>('latch-login-form')!.client.baseUrl, '/elsewhere');
    provider.dispatchEvent(new LatchSignedInEvent({ id: 'x', email: 'x@example.com', emailVerified: true, displayName: '', roles: [], kind: 'user', phoneNumber: null, createdAt: '' }));
  });
});
