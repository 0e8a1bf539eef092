import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSecretBox } from '../../src/crypto/secret-box.js';

const master = 'test-master-secret-that-is-long-enough-0123456789';

/** A sealed value with its tag replaced by `tag` (the other parts kept). */
function withTag(sealed: string, tag: Buffer): string {
  const parts = sealed.split('.');
  parts[3] = tag.toString('base64url');
  return parts.join('.');
}

describe('secret box (AES-256-GCM at rest)', () => {
  const box = createSecretBox(master, 'totp');

  it('AV-11: round-trips with a full 16-byte tag', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    assert.equal(Buffer.from(sealed.split('.')[3]!, 'base64url').length, 16);
    assert.equal(box.open(sealed), 'JBSWY3DPEHPK3PXP');
  });

  it('AV-11: refuses a sealed value whose tag is truncated to 4 bytes, still valid base64url', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    const tag = Buffer.from(sealed.split('.')[3]!, 'base64url');
    // The genuine first 4 bytes: GCM without a pinned length would verify them and open the value.
    const truncated = withTag(sealed, tag.subarray(0, 4));
    assert.match(truncated.split('.')[3]!, /^[A-Za-z0-9_-]+$/);
    assert.throws(() => box.open(truncated));
  });

  it('AV-11: refuses every other tag length, short or long', () => {
    const sealed = box.seal('secret');
    const tag = Buffer.from(sealed.split('.')[3]!, 'base64url');
    for (const length of [1, 8, 12, 13, 15]) assert.throws(() => box.open(withTag(sealed, tag.subarray(0, length))), `${length} bytes`);
    assert.throws(() => box.open(withTag(sealed, Buffer.concat([tag, Buffer.from([0])]))), '17 bytes');
  });

  it('AV-11: refuses a changed tag, a changed body and another purpose', () => {
    const sealed = box.seal('secret');
    const tag = Buffer.from(sealed.split('.')[3]!, 'base64url');
    const flipped = Buffer.from(tag);
    flipped[0] = flipped[0]! ^ 1;
    assert.throws(() => box.open(withTag(sealed, flipped)));
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2]!, 'base64url');
    body[0] = body[0]! ^ 1;
    assert.throws(() => box.open([parts[0], parts[1], body.toString('base64url'), parts[3]].join('.')));
    assert.throws(() => createSecretBox(master, 'signing-keys').open(sealed));
  });
});
