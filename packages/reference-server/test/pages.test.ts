import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemContext } from '@latch/server-sdk';
import { pages } from '../src/index.js';
import { escapeHtml, renderPage } from '../src/pages/layout.js';
import { startTestServer, type TestReferenceServer } from './helpers.js';

const titles: Record<string, string> = {
  '/': 'Home', '/sign-in': 'Sign in', '/sign-up': 'Create an account', '/verify-email': 'Verify your email',
  '/forgot-password': 'Forgot password', '/reset-password': 'Choose a new password', '/confirm-email': 'Confirm your new email',
  '/accept-invite': 'Accept your invitation', '/settings': 'Security settings', '/admin': 'Administration',
  '/org': 'Organization',
};

const password = 'violet-harbor-engine-42';

/** Signs in over the API as a browser on the public origin would; the session cookie. */
async function signIn(s: TestReferenceServer, email: string): Promise<string> {
  const answer = await fetch(`${s.url}/auth/sign-in`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(answer.status, 200, await answer.clone().text());
  return answer.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** The `<main>` element of a page. */
const mainOf = (html: string): string => /<main[\s>][\s\S]*<\/main>/.exec(html)![0];

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
      '/admin': { body: '<body>', main: '<main class="wide">' },
      '/org': { body: '<body>', main: '<main>' },
    };
    for (const [path, want] of Object.entries(expected)) {
      const html = await (await fetch(`${s.url}${path}`)).text();
      assert.ok(html.includes(`\n${want.body}\n`), path);
      assert.ok(html.includes(`\n  ${want.main}\n`), path);
    }
  });

  it('gives every page the organization switcher in the header, shown to signed-in visitors only', async () => {
    for (const path of Object.keys(pages)) {
      const html = await (await fetch(`${s.url}${path}`)).text();
      const header = /<header class="site">[\s\S]*?<\/header>/.exec(html)![0];
      assert.match(header, /<span class="organization" data-when="signed-in" hidden><latch-organization-switcher align="end" create-href="\/org"><\/latch-organization-switcher><\/span>/, path);
      assert.doesNotMatch(mainOf(html), /latch-organization-switcher/, path);
    }
  });

  it('serves the administration console as the <latch-admin-users> element, while the API refuses whoever is not an administrator', async () => {
    const html = await (await fetch(`${s.url}/admin`)).text();
    const main = mainOf(html);
    // A visitor who is not signed in gets the page (the element explains and links to sign in, coming back here).
    assert.match(main, /<latch-admin-users sign-in-href="\/sign-in\?redirect=%2Fadmin"><\/latch-admin-users>/);
    assert.doesNotMatch(main, /<table|<form/, 'the old read-only table and form are gone');
    assert.equal((await fetch(`${s.url}/auth/admin/users`)).status, 401);
    const member = `member.${Date.now()}@example.com`;
    await s.running.latch.provisionUser({ email: member, password, displayName: 'Plain Member' }, systemContext('test'));
    const cookie = await signIn(s, member);
    const refused = await fetch(`${s.url}/auth/admin/users`, { headers: { cookie } });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).code, 'forbidden');
    assert.equal((await fetch(`${s.url}/admin`, { headers: { cookie } })).status, 200, 'the page itself is plain HTML for everyone');
  });

  it('serves the organization page with the members element and the creation form, hidden until the script finds no organization', async () => {
    const main = mainOf(await (await fetch(`${s.url}/org`)).text());
    assert.match(main, /<latch-organization-members sign-in-href="\/sign-in\?redirect=%2Forg"><\/latch-organization-members>/);
    assert.match(main, /<div class="create-organization" data-when-no-organization hidden>\s*<latch-create-organization><\/latch-create-organization>\s*<\/div>/);
  });

  it('links the landing page to the organization and administration pages', async () => {
    const main = mainOf(await (await fetch(`${s.url}/`)).text());
    assert.match(main, /<a href="\/org">Organization<\/a>/);
    assert.match(main, /<a href="\/admin">Administration<\/a>/);
  });

  it('serves the invitation and sign-in pages with their query strings (tokens and return addresses)', async () => {
    const invite = await fetch(`${s.url}/accept-invite?token=abc_DEF-123`);
    assert.equal(invite.status, 200);
    assert.match(mainOf(await invite.text()), /<latch-accept-invite redirect="\/settings#two-factor">/);
    const signInPage = await fetch(`${s.url}/sign-in?redirect=${encodeURIComponent('/accept-invite?token=abc')}`);
    assert.equal(signInPage.status, 200);
    assert.match(mainOf(await signInPage.text()), /<latch-login-form redirect="\/settings">/);
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
