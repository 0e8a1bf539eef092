import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption (AES-256-GCM) of small secrets at rest (TOTP seeds, signing keys),
 * under a key derived with HKDF-SHA256 from the master secret and a purpose label, so one
 * purpose's ciphertext can never be opened as another's.
 */
export interface SecretBox {
  /** Encrypts UTF-8 text; returns `v1.<iv>.<ciphertext>.<tag>` in base64url. */
  seal(plaintext: string): string;
  /** Decrypts what `seal` produced; throws when the data or key does not match. */
  open(sealed: string): string;
}

/** Bytes of the GCM authentication tag `seal` writes and `open` demands. */
const tagLength = 16;

/** Creates a {@link SecretBox} for one purpose from the master secret. */
export function createSecretBox(masterSecret: string, purpose: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(masterSecret, 'utf8'), Buffer.alloc(0), `latch:${purpose}`, 32));
  const aad = Buffer.from(`latch:${purpose}`);
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || body === undefined || !tag) throw new Error('sealed value has an unknown format');
      const authTag = Buffer.from(tag, 'base64url');
      // GCM accepts tags down to 4 bytes, which an attacker can forge by trial: only the full tag opens.
      if (authTag.length !== tagLength) throw new Error('sealed value has an authentication tag of the wrong length');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: tagLength });
      decipher.setAAD(aad);
      decipher.setAuthTag(authTag);
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
