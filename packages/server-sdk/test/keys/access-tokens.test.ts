import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { authenticateRequest, createLatch, isLatchError, silentLogger, type Latch } from '@latch/server-sdk';
import { createTestDatabase, createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { bearer, createApiKey, mintToken } from './helpers.js';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Serves the JWKS the way the reference server does, for verification from outside. */
async function serveJwks(latch: Latch): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void latch.jwks().then((jwks) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(jwks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`, server };
}

/** The server's own current signing key, opened from the database (to forge bad-claim tokens). */
async function serverSigningKey(t: TestServer): Promise<{ kid: string; key: CryptoKey }> {
  const { kid } = t.latch.keys.signingKeys.signer();
  const row = await t.latch.database.knex('signing_keys').where({ kid }).first();
  const opened = JSON.parse(t.latch.services.secretBox('signing-keys').open(row.private_jwk_sealed)) as { jwk: JWK };
  return { kid, key: await importJWK(opened.jwk, 'EdDSA') as CryptoKey };
}

/** Both ways a bearer token is checked: Latch's own route and the host-app middleware. */
async function accepted(t: TestServer, token: string): Promise<{ route: number; requireAuth: boolean }> {
  const route = (await t.client().get('/me', bearer(token))).status;
  let requireAuth = true;
  try {
    await authenticateRequest(t.latch, { method: 'GET', headers: { authorization: `Bearer ${token}` }, remoteAddress: '127.0.0.1' });
  } catch (error) {
    assert.ok(isLatchError(error) && error.status === 401, String(error));
    requireAuth = false;
  }
  return { route, requireAuth };
}

async function assertRefused(t: TestServer, token: string, why: string) {
  const result = await accepted(t, token);
  // Node's HTTP server itself answers 431 to headers far over its limit.
  if (result.route === 431 && token.length > 16_000) result.route = 401;
  assert.deepEqual(result, { route: 401, requireAuth: false }, why);
}

for (const kind of testDatabaseKinds()) {
  describe(`JWT access tokens on ${kind}`, () => {
    let t: TestServer;
    let jwks: { url: string; server: Server };
    before(async () => {
      t = await createTestServer({ database: kind, config: { jwt: { rotationIntervalSeconds: 3600 } } });
      jwks = await serveJwks(t.latch);
    });
    after(async () => {
      jwks.server.close();
      await t.close();
    });

    it('mints a short-lived at+jwt that outsiders verify against the published JWKS', async () => {
      const { client, userId, email } = await t.signedInUser();
      const res = await client.post('/token');
      assert.equal(res.status, 200, res.text);
      const { accessToken, expiresIn } = res.body;
      assert.ok(expiresIn > 0 && expiresIn <= 600);
      const header = decodeProtectedHeader(accessToken);
      assert.deepEqual(Object.keys(header).sort(), ['alg', 'kid', 'typ']);
      assert.equal(header.alg, 'EdDSA');
      assert.equal(header.typ, 'at+jwt');

      const published = await (await fetch(jwks.url)).json() as { keys: JWK[] };
      assert.ok(published.keys.length >= 1);
      for (const key of published.keys) {
        assert.equal(key.d, undefined, 'no private material is published');
        assert.equal(key.kty, 'OKP');
      }
      const { payload } = await jwtVerify(accessToken, createLocalJWKSet(published), {
        issuer: t.origin, audience: t.origin, typ: 'at+jwt', algorithms: ['EdDSA'],
      });
      assert.equal(payload.sub, userId);
      const me = await client.get('/me');
      assert.equal(payload.sid, me.body.session.id);
      assert.deepEqual(payload.roles, []);
      assert.deepEqual(payload.scopes, ['read', 'write', 'ssh:read']);
      assert.ok(payload.exp! - payload.iat! <= 600);
      assert.ok(payload.jti);
      assert.ok(!JSON.stringify(payload).includes(email), 'no email or other PII in the token');

      const viaToken = await t.client().get('/me', bearer(accessToken));
      assert.equal(viaToken.status, 200);
      assert.equal(viaToken.body.user.id, userId);
      const narrowed = decodeJwt(await mintToken(client, ['read']));
      assert.deepEqual(narrowed.scopes, ['read']);
    });

    it('refuses tampered, unsigned and algorithm-confused tokens', async () => {
      const { client } = await t.signedInUser();
      const other = await t.signedInUser();
      const token = await mintToken(client);
      const [h, p, s] = token.split('.') as [string, string, string];
      const payload = decodeJwt(token);
      await assertRefused(t, `${h}.${b64({ ...payload, sub: other.userId })}.${s}`, 'payload changed under the signature');
      await assertRefused(t, `${h}.${p}.`, 'signature stripped');
      await assertRefused(t, `${h}.${p}`, 'two parts');
      for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
        await assertRefused(t, `${b64({ alg, typ: 'at+jwt' })}.${p}.`, `alg ${alg}`);
        await assertRefused(t, `${b64({ alg, kid: decodeProtectedHeader(token).kid, typ: 'at+jwt' })}.${p}.`, `alg ${alg} with kid`);
      }
      const { keys: [publicJwk] } = await t.latch.jwks() as { keys: JWK[] };
      const publicKey = createPublicKey({ key: publicJwk as never, format: 'jwk' });
      const secrets = [
        Buffer.from(JSON.stringify(publicJwk)),
        Buffer.from(publicKey.export({ type: 'spki', format: 'pem' }) as string),
        publicKey.export({ type: 'spki', format: 'der' }),
        Buffer.from(publicJwk!.x!, 'base64url'),
      ];
      for (const secret of secrets) {
        for (const alg of ['HS256', 'HS512']) {
          const forged = await new SignJWT(payload as JWTPayload).setProtectedHeader({ alg, kid: publicJwk!.kid, typ: 'at+jwt' }).sign(secret);
          await assertRefused(t, forged, `${alg} keyed with the public key`);
        }
      }
      for (const alg of ['RS256', 'PS256', 'ES256', 'Ed25519']) {
        await assertRefused(t, `${b64({ alg, kid: publicJwk!.kid, typ: 'at+jwt' })}.${p}.${s}`, `alg ${alg}`);
      }
    });

    it('refuses unknown kids, keys named in the header, JWE and oversized tokens', async () => {
      const { client } = await t.signedInUser();
      const payload = decodeJwt(await mintToken(client));
      const { kid } = await serverSigningKey(t);
      const attacker = generateKeyPairSync('ed25519');
      const attackerJwk = attacker.publicKey.export({ format: 'jwk' }) as JWK;
      const signAsAttacker = (header: Record<string, unknown>) => new SignJWT(payload as JWTPayload)
        .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', ...header }).sign(attacker.privateKey);
      await assertRefused(t, await signAsAttacker({ kid: 'attacker' }), 'unknown kid');
      await assertRefused(t, await signAsAttacker({ kid }), 'our kid, their key');
      await assertRefused(t, await signAsAttacker({ jwk: attackerJwk }), 'embedded jwk');
      await assertRefused(t, await signAsAttacker({ kid, jwk: attackerJwk }), 'embedded jwk with our kid');
      await assertRefused(t, await signAsAttacker({ kid, jku: 'http://127.0.0.1:1/jwks.json' }), 'jku');
      await assertRefused(t, await signAsAttacker({ kid, x5u: 'http://127.0.0.1:1/cert.pem' }), 'x5u');
      await assertRefused(t, await signAsAttacker({ kid, x5c: ['MIIB'] }), 'x5c');
      for (const badKid of ['../../../../dev/null', "' OR '1'='1", 'x|id', 'k'.repeat(10_000)]) {
        await assertRefused(t, await signAsAttacker({ kid: badKid }), `kid ${badKid.slice(0, 20)}`);
      }
      // Headers Latch does not use are refused even on a correctly signed token.
      const ours = await serverSigningKey(t);
      const sign = (header: Record<string, unknown>) => new SignJWT(payload as JWTPayload).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: ours.kid, ...header }).sign(ours.key);
      await assertRefused(t, await sign({ jku: 'http://127.0.0.1:1/jwks.json' }), 'jku on a genuine token');
      await assertRefused(t, await sign({ jwk: attackerJwk }), 'jwk on a genuine token');
      const jwe = [b64({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' }), '', b64('iv'), b64('ciphertext'), b64('tag')].join('.');
      await assertRefused(t, jwe, 'JWE');
      const big = await sign({ pad: 'x'.repeat(9000) });
      assert.ok(big.length > 8192);
      await assertRefused(t, big, 'over 8 KB');
      const huge = 'a'.repeat(1024 * 1024);
      // Refused by the header's 8 KB bound before any parsing or signature check.
      await assertRefused(t, huge, '1 MB');
    });

    it('checks type, issuer, audience and times', async () => {
      const { client } = await t.signedInUser();
      const claims = decodeJwt(await mintToken(client)) as JWTPayload;
      const { kid, key } = await serverSigningKey(t);
      const now = Math.floor(t.clock.now().getTime() / 1000);
      const sign = (payload: JWTPayload, header: Record<string, unknown> = {}) =>
        new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt', ...header }).sign(key);
      const good = await sign({ ...claims });
      assert.deepEqual(await accepted(t, good), { route: 200, requireAuth: true }, 'the control token passes');
      const { exp: _exp, aud: _aud, ...withoutExpAndAud } = claims;
      await assertRefused(t, await sign({ ...claims, iss: 'https://evil.example' }), 'wrong iss');
      await assertRefused(t, await sign({ ...claims, aud: 'https://other-api.example' }), 'wrong aud');
      await assertRefused(t, await sign({ ...withoutExpAndAud, exp: claims.exp }), 'missing aud');
      await assertRefused(t, await sign({ ...withoutExpAndAud, aud: claims.aud }), 'missing exp');
      await assertRefused(t, await sign({ ...claims, iat: now - 1200, exp: now - 600 }), 'expired');
      await assertRefused(t, await sign({ ...claims, exp: now + 86_400 }), 'lives longer than Latch mints');
      await assertRefused(t, await sign({ ...claims, iat: now + 3600, exp: now + 3900 }), 'issued in the future');
      await assertRefused(t, await sign({ ...claims, nbf: now + 300 }), 'not yet valid');
      await assertRefused(t, await sign({ ...claims }, { typ: 'JWT' }), 'typ JWT');
      await assertRefused(t, await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'EdDSA', kid }).sign(key), 'no typ');

      const minted = await mintToken(client);
      t.clock.advance(600_000 + 31_000);
      try {
        await assertRefused(t, minted, 'minted token past its expiry');
      } finally {
        t.clock.advance(-(600_000 + 31_000));
      }
    });

    it('stops a token when its session is revoked (sign-out), verifying it locally and reading the account once in requireAuth', async () => {
      const { client, email } = await t.signedInUser();
      const token = await mintToken(client);
      const queries: string[] = [];
      const onQuery = (q: { sql: string }) => queries.push(q.sql);
      const check = () => authenticateRequest(t.latch, { method: 'GET', headers: { authorization: `Bearer ${token}` }, remoteAddress: null }, { scopes: ['read'] });
      // Background work (the mail outbox polling) may query meanwhile; only these tables matter.
      const lookups = () => queries.filter((sql) => /\b(sessions|users|api_keys|signing_keys)\b/.test(sql));
      t.latch.database.knex.on('query', onQuery);
      try {
        const first = await check();
        assert.equal(first.via, 'jwt');
        assert.equal(first.user.email, email, 'the account fields come with the caller');
        assert.ok(lookups().every((sql) => /\busers\b/.test(sql) && !/\bsessions\b/.test(sql)), 'at most the account is read, never the session');
        queries.length = 0;
        for (let i = 0; i < 3; i++) assert.equal((await check()).user.email, email);
      } finally {
        t.latch.database.knex.off('query', onQuery);
      }
      assert.deepEqual(lookups(), [], 'a repeating client costs no database read');
      assert.equal((await client.post('/sign-out')).status, 204);
      await assertRefused(t, token, 'signed out');
    });

    it('keeps POST /token to browser sessions', async () => {
      const { client } = await t.signedInUser();
      const { secret } = await createApiKey(client, { scopes: ['read', 'write'] });
      const token = await mintToken(client);
      assert.equal((await t.client().post('/token', undefined, bearer(secret))).status, 403);
      assert.equal((await t.client().post('/token', undefined, bearer(token))).status, 403);
      assert.equal((await t.client().post('/token')).status, 401);
    });

    it('rotates the signing key, publishing the next key early and the old one until its tokens expire', async () => {
      const { client } = await t.signedInUser();
      const store = t.latch.keys.signingKeys;
      const before = await t.latch.jwks();
      const firstKid = store.signer().kid;
      assert.equal(before.keys.length, 1);
      const rows = await t.latch.database.knex('signing_keys');
      assert.ok(rows.every((r: { private_jwk_sealed: string }) => r.private_jwk_sealed.startsWith('v1.') && !r.private_jwk_sealed.includes('"d"')), 'private keys are sealed at rest');

      t.clock.advance(31 * 60_000); // past interval − pre-publication (30 min)
      await store.refresh();
      const upcoming = await t.latch.jwks();
      assert.equal(upcoming.keys.length, 2, 'the successor is published before it signs');
      assert.equal(store.signer().kid, firstKid, 'the current key still signs');

      t.clock.advance(29 * 60_000); // a minute before the successor takes over
      const oldToken = await mintToken(client);
      assert.equal(decodeProtectedHeader(oldToken).kid, firstKid);
      t.clock.advance(2 * 60_000);
      await store.refresh();
      const fresh = await mintToken(client);
      assert.notEqual(decodeProtectedHeader(fresh).kid, firstKid);
      assert.equal((await t.latch.jwks()).keys.length, 2, 'the old key stays while its tokens live');
      assert.deepEqual(await accepted(t, oldToken), { route: 200, requireAuth: true });
      const outside = createLocalJWKSet(await (await fetch(jwks.url)).json() as { keys: JWK[] });
      await jwtVerify(fresh, outside, { issuer: t.origin, audience: t.origin, currentDate: t.clock.now() });
      await jwtVerify(oldToken, outside, { issuer: t.origin, audience: t.origin, currentDate: t.clock.now() });

      t.clock.advance(11 * 60_000);
      await t.latch.cleanup();
      const after = await t.latch.jwks();
      assert.deepEqual(after.keys.map((k) => k.kid), [decodeProtectedHeader(fresh).kid], 'the old key is gone once its tokens expired');
      assert.equal((await t.latch.database.knex('signing_keys')).length, 1);
    });
  });
}

if (testDatabaseKinds().includes('postgres')) {
  describe('several server processes on one PostgreSQL database', () => {
    let a: TestServer;
    // A second Latch on the same database and public URL, with its own pool and bus connection,
    // as another server process behind the same load balancer would be.
    let b: Latch;
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    const meOn = async (latch: Latch, credential: string) => (await latch.handler.handle({
      method: 'GET', path: '/me', query: new URLSearchParams(), headers: { authorization: `Bearer ${credential}` }, body: null, remoteAddress: '127.0.0.1',
    })).status;
    before(async () => {
      database = await createTestDatabase('postgres');
      a = await createTestServer({ database: 'postgres', reuseDatabase: database });
      b = await createLatch({
        publicUrl: a.origin, secret: 'test-secret-that-is-long-enough-0123456789', database: { url: database.url, poolMax: 3 },
        clock: a.clock, logger: silentLogger, mail: { mailer: { kind: 'custom', send: async () => {} }, startWorker: false },
      });
    });
    after(async () => {
      await b?.close();
      await a?.close();
      await database?.drop();
    });

    it('share one signing key, also when both make the first one at once', async () => {
      await a.latch.database.knex('signing_keys').delete();
      await Promise.all([a.latch.keys.signingKeys.refresh(), b.keys.signingKeys.refresh(), a.latch.keys.signingKeys.refresh()]);
      const [ja, jb] = [await a.latch.jwks(), await b.jwks()];
      assert.equal(ja.keys.length, 1);
      assert.deepEqual(ja, jb);
      const { client } = await a.signedInUser();
      const token = await mintToken(client);
      assert.equal(await meOn(b, token), 200, 'a token minted by one process works on the other');
    });

    it('refuse a revoked API key on the other process from the next request', async () => {
      const { client } = await a.signedInUser();
      const { secret, id } = await createApiKey(client, { scopes: ['read'] });
      assert.equal(await meOn(b, secret), 200, 'cached on b');
      assert.equal((await client.delete(`/me/api-keys/${id}`)).status, 204);
      // LISTEN/NOTIFY delivers at commit; allow for the notification still being in flight.
      let status = 0;
      let attempts = 0;
      const deadline = Date.now() + 2000;
      do {
        // A cached lookup never waits for I/O: yield so the notification can be read.
        if (attempts++ > 0) await sleep(10);
        status = await meOn(b, secret);
      } while (status === 200 && Date.now() < deadline);
      assert.equal(status, 401);
      assert.ok(attempts <= 20, `refused after ${attempts} attempts`);
    });

    it('refuse an access token on the other process once its session is signed out', async () => {
      const { client } = await a.signedInUser();
      const token = await mintToken(client);
      assert.equal(await meOn(b, token), 200);
      await authenticateRequest(b, { method: 'GET', headers: { authorization: `Bearer ${token}` }, remoteAddress: null });
      await client.post('/sign-out');
      let refused = false;
      const deadline = Date.now() + 2000;
      do {
        try {
          await authenticateRequest(b, { method: 'GET', headers: { authorization: `Bearer ${token}` }, remoteAddress: null });
          await sleep(10); // verification is pure computation: yield so the notification can be read
        } catch {
          refused = true;
        }
      } while (!refused && Date.now() < deadline);
      assert.ok(refused, 'requireAuth on the other process refuses it without a database lookup');
      assert.equal(await meOn(b, token), 401);
    });
  });
}
