import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { ConfigError, createLatch, sharedTemplateVariables, templateVariables, type MailTemplateOverrides } from '@latch/server-sdk';
import { createTestServer, strongPassword, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';
import { renderMail } from '../../src/mail/overrides.js';

const isVerification = (m: { text: string; html: string }) => m.text.includes('/verify-email?token=') || m.html.includes('/verify-email?token=');

const templates: MailTemplateOverrides = {
  verifyEmail: {
    default: {
      subject: 'Welcome to {{productName}}, {{ name }}',
      text: 'Hi {{name}}, confirm within {{hours}} hours: {{url}}',
      html: '<p class="custom" title="{{name}}">Hi <em>{{name}}</em>, <a href="{{url}}">confirm</a></p>',
    },
    fr: { subject: 'Bienvenue sur {{productName}}, {{name}}' },
  },
  // A function part: the TypeScript-friendly form.
  resetPassword: { default: { text: (vars) => `Reset for ${vars.name}: ${vars.url} (${vars.minutes} min)` } },
};

// The standard test server runs on PGlite here: rendering does not depend on the database.
describe('email template overrides', () => {
  let t: TestServer;
  before(async () => { t = await createTestServer({ database: 'pglite', config: { mail: { productName: 'Acme', templates } } }); });
  after(() => t.close());

  it('sends the overridden verification email: placeholders raw in subject and text, HTML-escaped in html', async () => {
    const email = uniqueEmail('override');
    const displayName = `Ann & "Co" 'Ltd'`;
    const signUp = await t.client().post('/sign-up', { email, password: strongPassword, displayName });
    assert.equal(signUp.status, 201, signUp.text);
    const mail = await t.mail.waitFor(email, isVerification);
    assert.equal(mail.subject, `Welcome to Acme, Ann & "Co" 'Ltd'`);
    assert.match(mail.text, /^Hi Ann & "Co" 'Ltd', confirm within 24 hours: http:\/\/127\.0\.0\.1:\d+\/verify-email\?token=\S+$/);
    assert.ok(mail.html.includes('<p class="custom" title="Ann &amp; &quot;Co&quot; &#39;Ltd&#39;">Hi <em>Ann &amp; &quot;Co&quot; &#39;Ltd&#39;</em>, <a href="http://127.0.0.1:'), mail.html);
    assert.ok(!mail.text.includes('Verify email address') && !mail.html.includes('Verify email address'), 'the built-in body is replaced');
  });

  it('keeps the built-in email for a kind without an override, and uses function overrides', async () => {
    const email = uniqueEmail('default');
    await t.latch.provisionUser({ email, password: strongPassword });
    assert.equal((await t.client().post('/password/forgot', { email })).status, 202);
    const reset = await t.mail.waitFor(email, (m) => m.text.includes('/reset-password?token='));
    assert.match(reset.text, /^Reset for : http:\/\/\S+\/reset-password\?token=\S+ \(60 min\)$/);
    assert.equal(reset.subject, 'Acme: Reset your password', 'the subject keeps its built-in text');
    assert.ok(reset.html.includes('Choose a new password'), 'the html keeps its built-in text');

    const existing = await t.client().post('/sign-up', { email, password: strongPassword });
    assert.equal(existing.status, 201);
    const notice = await t.mail.waitFor(email, (m) => m.subject.includes('tried to sign up'));
    assert.equal(notice.subject, 'Acme: Someone tried to sign up with your address');
    assert.ok(notice.text.includes('already has one'));
  });

  it('uses the mail.language entry first, then the default entry part by part, then the built-in part', () => {
    const ctx = { productName: 'Acme', at: new Date('2026-01-02T03:04:05Z'), ip: null, userAgent: null };
    const data = { name: 'Zoé', url: 'https://example.com/verify-email?token=t', hours: 24 };
    const french = renderMail('verifyEmail', data, ctx, templates, 'fr');
    assert.equal(french.subject, 'Bienvenue sur Acme, Zoé');
    assert.equal(french.text, 'Hi Zoé, confirm within 24 hours: https://example.com/verify-email?token=t', 'text falls back to the default entry');
    assert.equal(renderMail('verifyEmail', data, ctx, templates, 'de').subject, 'Welcome to Acme, Zoé', 'a language without an entry uses default');
    const onlySubject = renderMail('verifyEmail', data, ctx, { verifyEmail: { default: { subject: '{{productName}} at {{time}}' } } }, 'default');
    assert.equal(onlySubject.subject, 'Acme at 2026-01-02T03:04:05.000Z');
    assert.ok(onlySubject.text.includes('Verify email address: https://example.com/verify-email?token=t'), 'parts not overridden stay built in');
  });

  it('cannot inject a header or markup through a stored value with line breaks and tags', async () => {
    // Sign-up refuses control characters and angle brackets; a row written before that rule (or
    // by another system) may still hold them, so rendering must not rely on the validation.
    const email = uniqueEmail('inject');
    assert.equal((await t.client().post('/sign-up', { email, password: strongPassword, displayName: 'Eve' })).status, 201);
    await t.mail.waitFor(email, isVerification);
    await t.latch.database.knex('users').where({ email }).update({ display_name: 'Eve <b>x</b>\r\nBcc: victim@example.com\r\nX-Injected: yes' });
    t.clock.advance(3600_000);
    assert.equal((await t.client().post('/verify-email/resend', { email })).status, 202);
    const mail = await t.mail.waitFor(email, (m) => isVerification(m) && m.subject.includes('Bcc'));
    assert.equal(mail.subject, 'Welcome to Acme, Eve <b>x</b> Bcc: victim@example.com X-Injected: yes', 'the subject stays one line');
    assert.deepEqual(mail.to, [email]);
    // What any Mailer receives (a custom one may not sanitize headers the way nodemailer does).
    const rows = await t.latch.database.knex('outbox').where({ to_address: email }).select('subject');
    assert.ok(rows.length >= 2 && rows.every((row: { subject: string }) => !/[\r\n]/.test(row.subject)), JSON.stringify(rows));
    assert.ok(mail.html.includes('<em>Eve &lt;b&gt;x&lt;/b&gt;'), mail.html);
    assert.ok(!mail.html.includes('<b>'), 'the value adds no markup');
    assert.equal(t.mail.for('victim@example.com').length, 0);
  });

  it('refuses unknown message kinds, placeholders and parts at start-up with a ConfigError naming them', async () => {
    const refused = async (overrides: unknown, ...expected: RegExp[]) => {
      await assert.rejects(createLatch({ publicUrl: 'http://localhost:3000', mail: { templates: overrides as MailTemplateOverrides } }), (error: unknown) => {
        assert.ok(error instanceof ConfigError, String(error));
        for (const pattern of expected) assert.match(error.message, pattern);
        return true;
      });
    };
    await refused({ verifyEmail: { default: { text: 'Hi {{name}} {{token}} {{ secret }}' } } },
      /^mail\.templates .*verifyEmail\.default\.text uses the unknown placeholders \{\{token\}\}, \{\{secret\}\}/, /verifyEmail has .*productName.*url/);
    await refused({ welcome: { default: { subject: 'Hi' } } }, /mail\.templates names the unknown message kind "welcome"/);
    await refused({ resetPassword: { default: { body: 'x' } } }, /resetPassword\.default has the unknown part "body"/);
    await refused({ resetPassword: { default: { subject: 42 } } }, /resetPassword\.default\.subject must be a string or a function/);
  });

  it('documents every message kind with its variables in docs/guides/email-templates.md', async () => {
    const guide = await readFile(new URL('../../../../docs/guides/email-templates.md', import.meta.url), 'utf8');
    for (const variable of sharedTemplateVariables) assert.ok(guide.includes(`| \`${variable}\` |`), `shared variable ${variable}`);
    for (const [kind, variables] of Object.entries(templateVariables)) {
      const row = guide.split('\n').find((line) => line.startsWith(`| \`${kind}\` |`));
      assert.ok(row, `no row for ${kind}`);
      for (const variable of variables) assert.ok(row.includes(`\`${variable}\``), `${kind} row lacks ${variable}`);
    }
  });
});
