import { html } from 'lit';
import type { LatchAcceptInvite } from './accept-invite.js';
import type { LatchSignedInEvent } from '../../events/signed-in.js';
import { api, cleanup, deep, equal, errorText, expectAccessible, fixture, invitation, pressEnter, signOut, type, waitFor } from '../../../test/helpers.js';

describe('latch-accept-invite', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('lets an invited person choose a password and signs them in', async () => {
    const invite = await invitation();
    const el = await fixture<LatchAcceptInvite>(html`<latch-accept-invite token=${invite.token}></latch-accept-invite>`);
    await expectAccessible(el);
    const signedIn = new Promise<LatchSignedInEvent>((resolve) => el.addEventListener('latch-signed-in', resolve as EventListener, { once: true }));
    await type(deep(el, '#displayName'), 'Grace Hopper');
    await type(deep(el, '#password'), 'copper-meadow-violin-88');
    await type(deep(el, '#confirm'), 'copper-meadow-violin-88');
    pressEnter(deep(el, '#confirm'));
    equal((await signedIn).user.email, invite.email);
    equal((await api.me())?.user.displayName, 'Grace Hopper');
  });

  it('refuses a weak password with the reasons next to the field', async () => {
    const invite = await invitation();
    const el = await fixture<LatchAcceptInvite>(html`<latch-accept-invite token=${invite.token}></latch-accept-invite>`);
    await type(deep(el, '#password'), 'qwertyuiop');
    await type(deep(el, '#confirm'), 'qwertyuiop');
    pressEnter(deep(el, '#confirm'));
    await waitFor(() => errorText(el), 'error');
    equal(deep(el, '#password')!.getAttribute('aria-invalid'), 'true');
    await expectAccessible(el);
  });
});
