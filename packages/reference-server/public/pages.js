// Behaviour of the demo pages around the Latch elements (external so the Content-Security-Policy
// can forbid inline scripts): the header follows the session, pages that need a session send
// visitors to sign in, the landing page shows who is signed in, and the admin page lists users.
// Text from the server is only ever set with textContent.
import { LatchClient } from '/components/latch.js';

const client = new LatchClient();
const provider = document.querySelector('latch-provider');
const requiresSession = document.body.hasAttribute('data-requires-session');

function showSession(state) {
  const signedIn = state.status === 'signed-in';
  for (const el of document.querySelectorAll('[data-when]')) {
    el.hidden = state.status === 'loading' || (el.dataset.when === 'signed-in') !== signedIn;
  }
  for (const el of document.querySelectorAll('[data-user-email]')) el.textContent = state.me?.user.email ?? '';
  if (requiresSession && state.status === 'signed-out') location.replace('/sign-in');
  if (signedIn && document.getElementById('users')) void listUsers();
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

// Admin: a user list, and an invitation form.
async function listUsers() {
  const table = document.getElementById('users');
  const notice = document.getElementById('admin-notice');
  try {
    const { items } = await client.get('/admin/users?limit=100');
    const body = table.querySelector('tbody');
    body.replaceChildren(...items.map((user) => {
      const row = document.createElement('tr');
      for (const value of [user.email, user.displayName, (user.roles ?? []).join(', ') || '—', user.disabled ? 'disabled' : user.emailVerified ? 'active' : 'unverified']) {
        const cell = document.createElement('td');
        cell.textContent = value ?? '';
        row.append(cell);
      }
      return row;
    }));
    table.hidden = false;
    document.getElementById('invite').hidden = false;
    notice.textContent = '';
  } catch (error) {
    notice.textContent = error.code === 'forbidden' ? 'Only administrators can see this page.' : 'The user list could not be loaded.';
  }
}

document.getElementById('invite')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const status = document.getElementById('invite-status');
  const data = new FormData(form);
  try {
    await client.post('/admin/users', { email: data.get('email'), displayName: data.get('displayName'), roles: data.get('role') ? [data.get('role')] : [] });
    status.textContent = `Invitation sent to ${data.get('email')}.`;
    form.reset();
    void listUsers();
  } catch (error) {
    status.textContent = error.code === 'email_taken' ? 'That address already has an account.' : error.code === 'forbidden' ? 'You may not grant that role.' : 'The invitation could not be sent.';
  }
});
