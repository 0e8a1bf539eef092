import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pages } from '../src/index.js';
import { escapeHtml, renderPage } from '../src/pages/layout.js';
import { startTestServer, type TestReferenceServer } from './helpers.js';

const titles: Record<string, string> = {
  '/': 'Home', '/sign-in': 'Sign in', '/sign-up': 'Create an account', '/verify-email': 'Verify your email',
  '/forgot-password': 'Forgot password', '/reset-password': 'Choose a new password', '/confirm-email': 'Confirm your new email',
  '/accept-invite': 'Activate your account', '/settings': 'Security settings', '/admin': 'Administration',
};

describe('demo pages', () => {
  let s: TestReferenceServer;
  before(async () => { s = await startTestServer('pglite'); });
  after(() => s.close());

  it('serves every page as HTML from the one layout', async () => {
    assert.deepEqual(Object.keys(pages).sort(), Object.keys(titles).sort());
    for (const path of Object.keys(pages)) {
      const res = await fetch(`${s.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
      assert.equal(res.headers.get('cache-control'), 'no-store', path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
      const html = await res.text();
      assert.ok(html.includes(`<title>${titles[path]} · Latch</title>`), path);
      assert.ok(html.includes('<script type="module" src="/components/latch.js"></script>'), path);
      assert.equal(html.match(/<latch-provider>/g)?.length, 1, path);
      assert.equal(html.match(/<main[\s>]/g)?.length, 1, path);
      assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, `${path} has no inline script`);
    }
  });

  it('keeps each page its own body attributes and main', async () => {
    const expected: Record<string, { body: string; main: string }> = {
      '/': { body: '<body>', main: '<main>' },
      '/sign-in': { body: '<body>', main: '<main class="narrow">' },
      '/settings': { body: '<body data-requires-session>', main: '<main>' },
      '/admin': { body: '<body data-requires-session>', main: '<main>' },
    };
    for (const [path, want] of Object.entries(expected)) {
      const html = await (await fetch(`${s.url}${path}`)).text();
      assert.ok(html.includes(`\n${want.body}\n`), path);
      assert.ok(html.includes(`\n  ${want.main}\n`), path);
    }
  });

  it('answers an unknown page with a 404 problem', async () => {
    const res = await fetch(`${s.url}/no-such-page`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal((await res.json()).code, 'not_found');
  });
});

describe('page layout', () => {
  it('escapes the title and attribute values', () => {
    assert.equal(escapeHtml(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    const html = renderPage({ title: '<script>alert(1)</script>', main: '<main></main>', bodyAttributes: { 'data-x': '"><script>', 'data-flag': true } });
    assert.ok(html.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt; · Latch</title>'));
    assert.ok(html.includes('<body data-x="&quot;&gt;&lt;script&gt;" data-flag>'));
    assert.throws(() => renderPage({ title: 't', main: '<main></main>', bodyAttributes: { 'on load': 'x' } }));
  });
});
