/** Passwords are compared in NFKC form, so precomposed and decomposed input match (NIST 800-63B). */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}
