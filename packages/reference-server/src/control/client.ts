import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { controlPaths } from './paths.js';

/** An answer of the running server's control channel. */
export interface ControlAnswer {
  status: number;
  body: any;
}

/**
 * Sends one request to the server running on `dataDir`, if one does: resolves to null when no
 * server answers there (no token, no socket, or a socket left by a server that is gone).
 */
export async function callControl(dataDir: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<ControlAnswer | null> {
  const paths = controlPaths(dataDir);
  let token: string;
  try {
    token = readFileSync(paths.token, 'utf8').trim();
  } catch {
    return null;
  }
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request({
      socketPath: paths.socket, method, path,
      headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 500, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED' || error.code === 'ENOTSOCK') resolve(null);
      else reject(error);
    });
    req.end(payload);
  });
}
