/**
 * A reader for the SSH wire format (RFC 4251 §5): length-prefixed strings and mpints, with
 * bounds checked on every read so a crafted blob can only fail, never over-read.
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

  /** Reads one `string` as ASCII text; null when missing or not printable ASCII. */
  readText(): string | null {
    const bytes = this.readString();
    if (!bytes || !/^[\x20-\x7e]*$/.test(bytes.toString('latin1'))) return null;
    return bytes.toString('latin1');
  }

  /** True when every byte was read (trailing data makes a key malformed). */
  get done(): boolean {
    return this.offset === this.buffer.length;
  }
}
