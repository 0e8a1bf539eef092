// The least host code for a protected route with Express (counted in docs/guides/embedding.md).
import express from 'express';
import { createLatch } from '@latch/server-sdk';
import { latchExpress, requireAuth } from '@latch/server-sdk/express';

const latch = await createLatch({ publicUrl: 'http://localhost:3000', database: { dataDir: './.latch-data/db' } });
const app = express();
app.use(latchExpress(latch));
app.get('/api/profile', requireAuth(latch), (req, res) => { res.json({ hello: req.auth!.user.email }); });
app.listen(3000);
