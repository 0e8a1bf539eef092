// Shows who is signed in: right after the form signs someone in (`latch-signed-in`), and on a
// later visit by asking the API (the session cookie is HttpOnly, so scripts cannot read it).
const form = document.getElementById('sign-in');
const panel = document.getElementById('signed-in');

function show(user) {
  document.getElementById('user-name').textContent = user.displayName || user.email;
  document.getElementById('user-email').textContent = user.email;
  form.hidden = true;
  panel.hidden = false;
}

document.addEventListener('latch-signed-in', (event) => show(event.user));

fetch('/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } })
  .then((response) => (response.ok ? response.json() : null))
  .then((body) => { if (body?.user) show(body.user); })
  .catch(() => {});

document.getElementById('sign-out').addEventListener('click', async () => {
  await fetch('/auth/sign-out', { method: 'POST', credentials: 'same-origin' });
  location.reload();
});
