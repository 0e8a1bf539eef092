import type { IncomingMessage } from 'node:http';
import { maxBodyBytes } from '../http/handler.js';

/**
 * Reads a request body, keeping nothing past the limit so huge bodies cost no memory. The request
 * is drained, never destroyed: leaving a `for await` loop early would destroy it, detach its socket
 * (so `req.socket` is null) and make the 413 answer fail.
 */
export function readBody(req: IncomingMessage): Promise<{ body: Buffer | null; tooLarge: boolean }> {
  const declared = Number(req.headers['content-length'] ?? 0);
  // No length and no chunked encoding: HTTP/1.1 says there is no body (the common GET).
  if (!req.headers['content-length'] && !req.headers['transfer-encoding']) return Promise.resolve({ body: null, tooLarge: false });
  if (declared > maxBodyBytes) {
    req.resume();
    return Promise.resolve({ body: null, tooLarge: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: { body: Buffer | null; tooLarge: boolean }) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
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
