/**
 * Reads a Web stream whole, keeping nothing past `limit` bytes: a declared length over it is not
 * read at all, and the stream is cancelled as soon as it passes the limit. Returns the bytes (empty
 * for no stream), or null when the body is over the limit.
 */
export async function readStreamUpTo(stream: ReadableStream<Uint8Array> | null, declaredLength: number, limit: number): Promise<Buffer | null> {
  if (!stream) return Buffer.alloc(0);
  if (declaredLength > limit) {
    await stream.cancel().catch(() => {});
    return null;
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
