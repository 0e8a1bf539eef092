import type { IncomingMessage } from 'node:http';
import { maxBodyBytes } from '../http/handler.js';

/** Reads a request body, stopping one byte past the limit so huge bodies cost nothing. */
export async function readBody(req: IncomingMessage): Promise<{ body: Buffer | null; tooLarge: boolean }> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBodyBytes) {
    req.resume();
    return { body: null, tooLarge: true };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) {
      req.resume();
      return { body: null, tooLarge: true };
    }
    chunks.push(chunk as Buffer);
  }
  return { body: size > 0 ? Buffer.concat(chunks) : null, tooLarge: false };
}
