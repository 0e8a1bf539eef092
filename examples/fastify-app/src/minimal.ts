// The least host code for a protected route with Fastify (counted in docs/guides/embedding.md).
import Fastify from 'fastify';
import { createLatch } from '@latch/server-sdk';
import { latchFastify, requireAuth } from '@latch/server-sdk/fastify';

const latch = await createLatch({ publicUrl: 'http://localhost:3000', database: { dataDir: './.latch-data/db' } });
const app = Fastify();
await app.register(latchFastify(latch));
app.get('/api/profile', { preHandler: requireAuth(latch) }, async (req) => ({ hello: req.auth!.user.email }));
await app.listen({ port: 3000 });
