// The least host code for a protected route with node:http alone (counted in docs/guides/embedding.md).
import { createServer } from 'node:http';
import { createLatch } from '@latch/server-sdk';
import { requireAuth, toNodeHandler } from '@latch/server-sdk/node';

const latch = await createLatch({ publicUrl: 'http://localhost:3000', database: { dataDir: './.latch-data/db' } });
const auth = toNodeHandler(latch);
const profile = requireAuth(latch)((_req, res, { user }) => { res.end(`Hello ${user.email}`); });
createServer((req, res) => auth(req, res, () => {
  if (req.url === '/api/profile') return void profile(req, res);
  res.writeHead(404).end();
})).listen(3000);
