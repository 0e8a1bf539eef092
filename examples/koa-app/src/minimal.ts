// The least host code for a protected route with Koa (counted in docs/guides/embedding.md).
import Router from '@koa/router';
import Koa from 'koa';
import { createLatch } from '@latch/server-sdk';
import { latchKoa, requireAuth, type LatchAuthState } from '@latch/server-sdk/koa';

const latch = await createLatch({ publicUrl: 'http://localhost:3000', database: { dataDir: './.latch-data/db' } });
const router = new Router<LatchAuthState>();
router.get('/api/profile', requireAuth(latch), (ctx) => { ctx.body = { hello: ctx.state.auth.user.email }; });
new Koa().use(latchKoa(latch)).use(router.routes()).listen(3000);
