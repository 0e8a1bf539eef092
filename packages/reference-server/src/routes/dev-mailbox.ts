import Router from '@koa/router';
import type { Latch } from '@latch/server-sdk';

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * `/dev/mailbox`: the emails the server would have sent, newest first — only in development,
 * with no SMTP server configured.
 */
export function devMailboxRouter(latch: Latch): Router {
  const router = new Router();
  router.get('/dev/mailbox', async (ctx) => {
    const messages = await latch.storage.outbox.listRecent(100);
    const items = messages.map((m) => {
      const body = m.bodySealed ? latch.outbox.openBody(m.bodySealed) : { text: '', html: '' };
      return { id: m.id, to: m.toAddress, subject: m.subject, template: m.template, createdAt: m.createdAt.toISOString(), text: body.text, html: body.html };
    });
    ctx.set('cache-control', 'no-store');
    ctx.set('referrer-policy', 'no-referrer');
    if (ctx.query.format === 'json') {
      ctx.body = { items };
      return;
    }
    ctx.type = 'text/html; charset=utf-8';
    const linkify = (text: string) => escape(text).replace(/https?:\/\/[^\s&]+(?:&amp;[^\s&]+)*/g, (url) => `<a href="${url}">${url}</a>`);
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Development mailbox · Latch</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;color:#1f2328}article{border:1px solid #d0d7de;border-radius:8px;padding:1rem;margin:1rem 0}h2{font-size:1.05rem;margin:0}p.meta{color:#59636e;margin:.25rem 0 .75rem}pre{white-space:pre-wrap;font:inherit;margin:0}@media(prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}article{border-color:#30363d}p.meta{color:#9198a1}a{color:#58a6ff}}</style></head>
<body><h1>Development mailbox</h1><p>Emails this server would have sent (no SMTP server is configured). Newest first. <a href="/">Home</a> · <a href="?format=json">JSON</a></p>
${items.length === 0 ? '<p>No email yet.</p>' : items.map((m) => `<article><h2>${escape(m.subject)}</h2><p class="meta">To ${escape(m.to)} · ${escape(m.createdAt)}</p><pre>${linkify(m.text)}</pre></article>`).join('\n')}
</body></html>`;
  });
  return router;
}
