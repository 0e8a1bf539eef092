// Behaviour of the demo pages around the Latch elements (external so the Content-Security-Policy
// can forbid inline scripts): the header follows the session, pages that need a session send
// visitors to sign in, the landing page shows who is signed in, the organization page offers to
// create one to a person who has none, and an accepted invitation leads on to the organization
// it joined. Text from the server is only ever set with textContent.
import { LatchClient } from '/components/latch.js';

const client = new LatchClient();
const provider = document.querySelector('latch-provider');
const requiresSession = document.body.hasAttribute('data-requires-session');
/** The organization page's creation form, shown only to a person in no organization. */
const creation = document.querySelector('[data-when-no-organization]');
let creationCheck = 0;

function showSession(state) {
  const signedIn = state.status === 'signed-in';
  for (const el of document.querySelectorAll('[data-when]')) {
    el.hidden = state.status === 'loading' || (el.dataset.when === 'signed-in') !== signedIn;
  }
  for (const el of document.querySelectorAll('[data-user-email]')) el.textContent = state.me?.user.email ?? '';
  if (requiresSession && state.status === 'signed-out') location.replace('/sign-in');
  if (state.status !== 'loading') void offerOrganizationCreation(signedIn ? state.me : null);
}

provider?.addEventListener('latch-session-change', (event) => showSession(event.state));
if (provider?.state) showSession(provider.state);

for (const button of document.querySelectorAll('[data-sign-out]')) {
  button.addEventListener('click', async () => {
    await client.post('/sign-out', {}).catch(() => {});
    location.assign('/sign-in');
  });
}

document.addEventListener('latch-signed-out', (event) => {
  if (!event.defaultPrevented) location.assign('/sign-in');
});

// The organization page: the form to create one, for a person in none who may create one.
async function offerOrganizationCreation(me) {
  if (!creation) return;
  const check = ++creationCheck;
  let show = false;
  if (me) {
    try {
      const [config, organizations] = await Promise.all([client.get('/config'), client.get('/orgs')]);
      const administrator = (me.user.roles ?? []).some((role) => role === 'super_admin' || role === 'admin');
      show = organizations.items.length === 0 && (config.organizations?.creation !== 'admins' || administrator);
    } catch {
      show = false;
    }
  }
  if (check === creationCheck) creation.hidden = !show;
}

document.addEventListener('latch-organization-created', () => {
  if (creation) creation.hidden = true;
});
// Leaving the last organization offers the form again.
document.addEventListener('latch-organization-change', (event) => {
  if (creation && event.organization === null && provider?.state?.me) void offerOrganizationCreation(provider.state.me);
});

// The invitation page: a new account that joined an organization goes there, any other to its
// settings (where a second factor can be added); an existing account that joined is offered it.
const invitation = document.querySelector('latch-accept-invite');
invitation?.addEventListener('latch-signed-in', async (event) => {
  event.preventDefault();
  const me = await client.me().catch(() => null);
  location.assign(me?.activeOrganization ? '/org' : invitation.getAttribute('redirect') || '/settings');
});
invitation?.addEventListener('latch-organization-change', () => {
  invitation.redirect = '/org';
});
