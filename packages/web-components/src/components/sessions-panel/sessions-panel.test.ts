import { html } from 'lit';
import type { LatchSessionsPanel } from './sessions-panel.js';
import { all, api, button, cleanup, equal, expectAccessible, fixture, includes, otherSession, signedInUser, signOut, statusText, waitFor } from '../../../test/helpers.js';

describe('latch-sessions-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('marks this device, signs out another session, then every other one', async () => {
    const user = await signedInUser();
    await otherSession(user.email);
    await otherSession(user.email);
    const el = await fixture<LatchSessionsPanel>(html`<latch-sessions-panel></latch-sessions-panel>`);
    // The verification link signed in once too: four sessions.
    await waitFor(() => all(el, '[part=item]').length === 4, 'four sessions');
    await expectAccessible(el);
    const items = all(el, '[part=item]');
    includes(items[0]!.textContent, 'This device');
    includes(items[1]!.textContent, 'Firefox');
    equal(all(el, '[part=current-badge]').length, 1);

    items[1]!.querySelector('button')!.click();
    await waitFor(() => statusText(el) === 'That session was signed out.', 'revoked');
    equal(all(el, '[part=item]').length, 3);

    button(el, 'Sign out everywhere else').click();
    await waitFor(() => statusText(el) === 'Every other session was signed out.', 'others revoked');
    equal(all(el, '[part=item]').length, 1);
    equal((await api.get('/me/sessions')).items.length, 1);
  });
});
