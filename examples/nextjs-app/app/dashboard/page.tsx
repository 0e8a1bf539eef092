import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLatch } from '../../lib/latch';

/** The protected page. The proxy already turned anonymous visitors away; the page still checks, as data access should. */
export default async function Dashboard() {
  const requestHeaders = await headers(); // first: reading the request makes the page dynamic
  const auth = await (await getLatch()).api.getSession({ headers: requestHeaders });
  if (!auth) redirect('/?next=/dashboard');
  return (
    <main>
      <h1>Dashboard</h1>
      <p>Signed in as <strong data-testid="user">{auth.user.displayName || auth.user.email}</strong> ({auth.user.email}).</p>
    </main>
  );
}
