import { getLatch } from '../../../../lib/latch';

/** Every Latch route, Web-standard: a `Request` in, a `Response` out. */
async function handle(request: Request): Promise<Response> {
  return (await getLatch()).fetch(request);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
