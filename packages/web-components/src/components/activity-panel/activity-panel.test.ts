import { html } from 'lit';
import type { LatchActivityPanel } from './activity-panel.js';
import { activeElement, all, api, cleanup, deep, equal, expectAccessible, fixture, signedInUser, signOut, waitFor } from '../../../test/helpers.js';

describe('latch-activity-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('lists recent security events in words, newest first, and pages', async () => {
    const user = await signedInUser();
    await api.post('/sign-in', { email: user.email, password: 'wrong-password' }).catch(() => {});
    await api.patch('/me', { displayName: 'Renamed' });
    const el = await fixture<LatchActivityPanel>(html`<latch-activity-panel page-size="2"></latch-activity-panel>`);
    await waitFor(() => all(el, '[part=item]').length === 2, 'events');
    await expectAccessible(el);
    equal(all(el, '[part=item] strong')[0]!.textContent, 'Profile updated');
    equal(all(el, '[part=item] strong')[1]!.textContent, 'Failed sign-in attempt');
    deep<HTMLButtonElement>(el, '[part=more-button]')!.click();
    await waitFor(() => all(el, '[part=item]').length > 2, 'more events');
    equal(activeElement(), all(el, '[part=item]')[2]);
  });
});
