import { NextResponse, type NextRequest } from 'next/server';
import { getLatch } from './lib/latch';

/**
 * Guards the dashboard before it renders: without a valid session, to the sign-in page. Next.js 16
 * runs the proxy (the former middleware) on the Node.js runtime, in the server process, so it
 * checks the cookie with the same Latch as the route handler (a cache hit, no HTTP round trip).
 */
export async function proxy(request: NextRequest) {
  const latch = await getLatch();
  if (await latch.api.getSession({ headers: request.headers })) return NextResponse.next();
  const signIn = new URL('/', request.url);
  signIn.searchParams.set('next', request.nextUrl.pathname);
  return NextResponse.redirect(signIn);
}

export const config = { matcher: ['/dashboard/:path*'] };
