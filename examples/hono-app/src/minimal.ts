// The least host code for a protected route with Hono on Node (counted in docs/guides/embedding.md).
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { createLatch } from '@latch/server-sdk';
import { requireAuth } from '@latch/server-sdk/fetch';

const latch = await createLatch({ publicUrl: 'http://localhost:3000', database: { dataDir: './.latch-data/db' } });
const peer = (c: Context) => ({ remoteAddress: getConnInfo(c).remote.address });
const app = new Hono();
app.all('/auth/*', (c) => latch.fetch(c.req.raw, peer(c)));
app.get('/api/profile', async (c) => {
  const auth = await requireAuth(latch)(c.req.raw, peer(c));
  return auth instanceof Response ? auth : c.json({ hello: auth.user.email });
});
serve({ fetch: app.fetch, port: 3000 });
