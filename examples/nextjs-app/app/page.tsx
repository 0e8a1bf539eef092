import { SignInForm } from './sign-in-form';

/** The public page: sign in, then on to the page that asked (the dashboard by default). */
export default async function Home({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Same-site paths only, so the link cannot send anyone elsewhere.
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
  return (
    <main>
      <h1>Sign in</h1>
      <SignInForm next={target} />
    </main>
  );
}
