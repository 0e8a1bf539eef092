import type { IncomingMessage } from 'node:http';
import { BodyAlreadyReadError } from '../errors.js';
import { maxBodyBytes } from '../http/handler.js';
import { readStreamUpTo } from '../read-stream.js';

/** A request body as an adapter hands it to the handler. */
export interface ReadBody {
  body: Buffer | null;
  tooLarge: boolean;
}

/**
 * The body a parser mounted in front of Latch already took from the stream (`express.json()`
 * sets `req.body`, koa-bodyparser `ctx.request.body`): a Buffer or string as it came, a parsed
 * JSON value written back as JSON. Undefined when the parser kept nothing Latch can use.
 */
function keptBody(parsed: unknown): Buffer | undefined {
  if (parsed === undefined || parsed === null) return undefined;
  if (Buffer.isBuffer(parsed)) return parsed;
  if (typeof parsed === 'string') return Buffer.from(parsed, 'utf8');
  if (typeof parsed === 'object') return Buffer.from(JSON.stringify(parsed), 'utf8');
  return undefined;
}

/**
 * Reads a request body, keeping nothing past `limit` bytes (default 64 KiB; the handler's
 * `bodyLimit` gives the matched route's) so huge bodies cost no memory. The request
 * is drained, never destroyed: leaving a `for await` loop early would destroy it, detach its socket
 * (so `req.socket` is null) and make the 413 answer fail.
 *
 * A stream that a body parser in front of Latch has already read would never end again (every
 * request would hang): its parsed body (`parsed`, the framework's `req.body`) is used instead, and
 * without one the request is refused with `body_already_read`, naming the middleware to move.
 * @throws BodyAlreadyReadError
 */
export function readBody(req: IncomingMessage, parsed?: unknown, limit = maxBodyBytes): Promise<ReadBody> {
  const declared = Number(req.headers['content-length'] ?? 0);
  // No length and no chunked encoding: HTTP/1.1 says there is no body (the common GET).
  if (!req.headers['content-length'] && !req.headers['transfer-encoding']) return Promise.resolve({ body: null, tooLarge: false });
  if (req.readableEnded) {
    if (declared === 0 && req.headers['content-length']) return Promise.resolve({ body: null, tooLarge: false });
    const kept = keptBody(parsed);
    if (kept === undefined) {
      return Promise.reject(new BodyAlreadyReadError({
        detail: 'A body parser mounted before Latch (such as express.json(), express.urlencoded() or koa-bodyparser) read this request body. '
          + 'Mount Latch\'s middleware before it, or leave Latch\'s paths out of it.',
      }));
    }
    return Promise.resolve(kept.length > limit ? { body: null, tooLarge: true } : { body: kept.length > 0 ? kept : null, tooLarge: false });
  }
  if (declared > limit) {
    req.resume();
    return Promise.resolve({ body: null, tooLarge: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: ReadBody) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle({ body: null, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle({ body: size > 0 ? Buffer.concat(chunks) : null, tooLarge: false }));
    req.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
  });
}

/**
 * Reads a Web `Request` body, keeping nothing past `limit` (default 64 KiB; the handler's
 * `bodyLimit` gives the matched route's): a declared length over it is not read at all, and a
 * chunked body is cancelled as soon as it passes the limit.
 */
export async function readFetchBody(request: Request, limit = maxBodyBytes): Promise<ReadBody> {
  const body = await readStreamUpTo(request.body, Number(request.headers.get('content-length') ?? 0), limit);
  return body === null ? { body: null, tooLarge: true } : { body: body.length > 0 ? body : null, tooLarge: false };
}
