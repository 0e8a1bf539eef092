/**
 * Largest mpint OpenSSH reads, in bytes (`SSHBUF_MAX_BIGNUM`: 16384 bits), not counting the
 * zero byte that keeps a value with its top bit set positive.
 */
export const maxMpintBytes = 16384 / 8;

/**
 * A reader for the SSH wire format (RFC 4251 §5) that accepts exactly what OpenSSH's sshbuf
 * accepts, with bounds checked on every read so a crafted blob can only fail, never over-read.
 */
export class SshWireReader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  /** Reads one `string` (uint32 length, then bytes); null when the data ends early. */
  readString(): Buffer | null {
    if (this.offset + 4 > this.buffer.length) return null;
    const length = this.buffer.readUInt32BE(this.offset);
    const start = this.offset + 4;
    if (length > this.buffer.length - start) return null;
    this.offset = start + length;
    return this.buffer.subarray(start, start + length);
  }

  /**
   * Reads one `string` as text, as `sshbuf_get_cstring` does: a NUL is allowed only as the last
   * byte and is dropped; null when missing or when a NUL sits inside.
   */
  readCString(): string | null {
    const bytes = this.readString();
    if (!bytes) return null;
    const nul = bytes.indexOf(0);
    if (nul !== -1 && nul !== bytes.length - 1) return null;
    return bytes.subarray(0, nul === -1 ? bytes.length : nul).toString('latin1');
  }

  /**
   * Reads one non-negative `mpint`, as `sshbuf_get_bignum2` does: refuses a set sign bit and
   * values over {@link maxMpintBytes}, and ignores leading zero bytes. Null when refused.
   */
  readMpint(): bigint | null {
    const bytes = this.readString();
    if (!bytes) return null;
    if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) return null;
    if (bytes.length > maxMpintBytes + 1 || (bytes.length === maxMpintBytes + 1 && bytes[0] !== 0)) return null;
    return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
  }

  /** True when every byte was read (trailing data makes a key malformed). */
  get done(): boolean {
    return this.offset === this.buffer.length;
  }
}

/** Encodes one `string`: uint32 length, then the bytes. */
export function encodeSshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** Encodes a non-negative `mpint` minimally, as OpenSSH writes it (empty for zero). */
export function encodeSshMpint(value: bigint): Buffer {
  return encodeSshString(unsignedBytes(value, true));
}

/**
 * The big-endian bytes of a non-negative integer, without leading zeros; with `signed`, a zero
 * byte in front when the top bit is set (so the value reads as positive).
 */
export function unsignedBytes(value: bigint, signed = false): Buffer {
  if (value === 0n) return Buffer.alloc(0);
  const hex = value.toString(16);
  const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  return signed && (bytes[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}
