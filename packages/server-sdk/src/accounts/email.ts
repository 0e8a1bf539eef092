import { domainToASCII } from 'node:url';

/** Longest accepted email address (RFC 5321 path limit). */
export const maxEmailLength = 254;

// Dot-atom local part only: no quoted strings, comments, spaces or several recipients.
const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** An email address split into the form users typed and the form accounts are keyed by. */
export interface ParsedEmail {
  /** Trimmed address with the domain in lower-case ASCII (punycode). */
  email: string;
  /** The key accounts are unique on: the whole address lower-cased. */
  normalized: string;
}

/**
 * Validates an address with a strict grammar (linear-time checks) and normalizes it.
 * Returns null when the address is not acceptable.
 */
export function parseEmail(input: string): ParsedEmail | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > maxEmailLength) return null;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  const local = trimmed.slice(0, at);
  const rawDomain = trimmed.slice(at + 1);
  if (local.length > 64 || !localPart.test(local)) return null;
  if (/[\s"\\,;<>()[\]]/.test(rawDomain)) return null;
  const domain = domainToASCII(rawDomain.toLowerCase());
  if (!domain || domain.length > 253) return null;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => label.test(l))) return null;
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return null;
  const email = `${local}@${domain}`;
  return { email, normalized: email.toLowerCase() };
}
