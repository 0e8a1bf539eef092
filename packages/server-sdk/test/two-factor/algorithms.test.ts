import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { URI } from 'otpauth';
import { formatBackupCode, normalizeBackupCode, prepareBackupCodes } from '../../src/two-factor/backup-codes.js';
import { createEmailCodeHasher } from '../../src/two-factor/code-hash.js';
import { createArgon2Hasher } from '../../src/passwords/hasher.js';
import {
  createTotpSecret, matchTotpStep, totpCode, totpQrSvg, totpStep, totpUri, type TotpAlgorithm,
} from '../../src/two-factor/totp.js';
import { oathtool } from './helpers.js';

// RFC 6238 Appendix B: each mode has its own seed (security checklist §14.2).
const seeds: Record<TotpAlgorithm, string> = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  SHA512: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
};
const vectors: Array<[number, string, TotpAlgorithm]> = [
  [59, '94287082', 'SHA1'], [59, '46119246', 'SHA256'], [59, '90693936', 'SHA512'],
  [1111111109, '07081804', 'SHA1'], [1111111109, '68084774', 'SHA256'], [1111111109, '25091201', 'SHA512'],
  [1111111111, '14050471', 'SHA1'], [1111111111, '67062674', 'SHA256'], [1111111111, '99943326', 'SHA512'],
  [1234567890, '89005924', 'SHA1'], [1234567890, '91819424', 'SHA256'], [1234567890, '93441116', 'SHA512'],
  [2000000000, '69279037', 'SHA1'], [2000000000, '90698825', 'SHA256'], [2000000000, '38618901', 'SHA512'],
  [20000000000, '65353130', 'SHA1'], [20000000000, '77737706', 'SHA256'], [20000000000, '47863826', 'SHA512'],
];
const sixDigitSha1: Array<[number, string]> = [
  [59, '287082'], [1111111109, '081804'], [1111111111, '050471'], [1234567890, '005924'], [2000000000, '279037'], [20000000000, '353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('matches every Appendix B vector (8 digits, SHA1, SHA256, SHA512)', () => {
    for (const [unix, expected, algorithm] of vectors) {
      const code = totpCode({ secret: seeds[algorithm], step: totpStep(new Date(unix * 1000)), digits: 8, algorithm });
      assert.equal(code, expected, `${algorithm} at ${unix}`);
    }
  });

  it('gives the 6-digit SHA1 projections with leading zeros kept, past 2^32 seconds too', () => {
    for (const [unix, expected] of sixDigitSha1) {
      assert.equal(totpCode({ secret: seeds.SHA1, step: totpStep(new Date(unix * 1000)) }), expected, `at ${unix}`);
    }
  });

  it('agrees with Debian oathtool, an independent implementation', () => {
    const secret = createTotpSecret();
    for (const unix of [59, 1111111109, 1234567890, 2000000000, 1_900_000_000 + 17]) {
      const at = new Date(unix * 1000);
      assert.equal(totpCode({ secret, step: totpStep(at) }), oathtool(secret, at), `at ${unix}`);
    }
    assert.equal(oathtool(seeds.SHA1, new Date(59_000), 8), '94287082');
  });

  it('accepts the steps T-1, T and T+1 only', () => {
    const secret = createTotpSecret();
    const now = new Date(1_700_000_015_000);
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) assert.equal(matchTotpStep(secret, totpCode({ secret, step: step + offset }), now), step + offset);
    for (const offset of [-3, -2, 2, 3]) {
      const code = totpCode({ secret, step: step + offset });
      const inWindow = [-1, 0, 1].some((o) => totpCode({ secret, step: step + o }) === code);
      if (!inWindow) assert.equal(matchTotpStep(secret, code, now), null, `offset ${offset}`);
    }
    assert.equal(matchTotpStep(secret, '12345', now), null);
    assert.equal(matchTotpStep(secret, 'abcdef', now), null);
    const spaced = totpCode({ secret, step }).replace(/^(\d{3})/, '$1 ');
    assert.equal(matchTotpStep(secret, spaced, now), step, 'spaces people type are ignored');
  });

  it('makes 160-bit base32 secrets from the CSPRNG, unique per call', () => {
    const secrets = new Set(Array.from({ length: 200 }, createTotpSecret));
    assert.equal(secrets.size, 200);
    for (const secret of secrets) assert.match(secret, /^[A-Z2-7]{32}$/);
  });

  it('builds an otpauth URI with issuer, account and explicit parameters, and an SVG QR code', async () => {
    const secret = createTotpSecret();
    const uri = totpUri({ secret, issuer: 'Acme Auth', account: 'ada@example.com' });
    const url = new URL(uri);
    assert.equal(url.protocol, 'otpauth:');
    assert.equal(url.host, 'totp');
    assert.equal(decodeURIComponent(url.pathname), '/Acme Auth:ada@example.com');
    assert.equal(url.searchParams.get('issuer'), 'Acme Auth');
    assert.equal(url.searchParams.get('secret'), secret);
    assert.equal(url.searchParams.get('algorithm'), 'SHA1');
    assert.equal(url.searchParams.get('digits'), '6');
    assert.equal(url.searchParams.get('period'), '30');
    const parsed = URI.parse(uri);
    assert.equal(parsed.secret.base32, secret);
    const svg = await totpQrSvg(uri);
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.length > 1000 && svg.length < 20_000, `svg of ${svg.length} bytes`);
  });
});

describe('backup codes', () => {
  it('are 16 Crockford base-32 characters (80 bits) shown in groups, stored as argon2id hashes', async () => {
    const hasher = createArgon2Hasher({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const { codes, hashes } = await prepareBackupCodes(hasher, 10);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/);
    for (const [i, hash] of hashes.entries()) {
      assert.match(hash, /^\$argon2id\$/);
      assert.ok(!hash.includes(normalizeBackupCode(codes[i]!)!));
      assert.equal(await hasher.verify(hash, normalizeBackupCode(codes[i]!)!), true);
    }
  });

  it('reads typed codes forgivingly but strictly', () => {
    assert.equal(normalizeBackupCode('7kq2 m9xd ab1c oilz'), '7KQ2M9XDAB1C011Z');
    assert.equal(normalizeBackupCode('7KQ2-M9XD-AB1C-0112'), '7KQ2M9XDAB1C0112');
    assert.equal(normalizeBackupCode('7KQ2-M9XD-AB1C-011'), null, 'too short');
    assert.equal(normalizeBackupCode('7KQ2-M9XD-AB1C-011U'), null, 'U is not in the alphabet');
    assert.equal(normalizeBackupCode('123456'), null);
    assert.equal(formatBackupCode('7KQ2M9XDAB1C0112'), '7KQ2-M9XD-AB1C-0112');
  });
});

describe('emailed code hashing', () => {
  it('is keyed by the master secret and bound to its scope', () => {
    const a = createEmailCodeHasher('a'.repeat(32));
    const b = createEmailCodeHasher('b'.repeat(32));
    assert.equal(a('sign_in:1', '123456'), a('sign_in:1', '123456'));
    assert.notEqual(a('sign_in:1', '123456'), b('sign_in:1', '123456'));
    assert.notEqual(a('sign_in:1', '123456'), a('sign_in:2', '123456'));
    assert.ok(!a('sign_in:1', '123456').includes('123456'));
  });
});
