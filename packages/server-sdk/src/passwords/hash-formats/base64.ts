/**
 * Strict base64 decoders for hash strings. Node's own decoder skips characters it does not know,
 * so a corrupted hash would decode to other bytes instead of being refused; these check the
 * alphabet and length first and return null when the text is not of the variant.
 */

/** The PHC string format's B64: the standard alphabet, no padding. */
export function decodePhcBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*$/.test(text) || text.length % 4 === 1) return null;
  return Buffer.from(text, 'base64');
}

/** Standard base64, padding optional (Firebase exports and `$fbscrypt$` strings). */
export function decodeStandardBase64(text: string): Buffer | null {
  const bare = text.replace(/={1,2}$/, '');
  if (bare.length !== text.length && text.length % 4 !== 0) return null;
  return decodePhcBase64(bare);
}

/** passlib's "adapted base64" (`ab64`): the standard alphabet with `.` for `+`, no padding. */
export function decodeAdaptedBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9./]*$/.test(text)) return null;
  return decodePhcBase64(text.replaceAll('.', '+'));
}
