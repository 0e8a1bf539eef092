import { z } from 'zod';
import { maxCursorLength } from '../storage/knex/rows.js';

/** Field schemas shared by routes. Lengths are bounded before any expensive work. */
export const emailField = z.string().max(320);
export const passwordField = z.string().min(1).max(4096);
export const tokenField = z.string().min(1).max(256);
export const displayNameField = z.string().max(400);
export const captchaField = z.string().max(4096).optional();
export const codeField = z.string().min(1).max(64);

/**
 * The proof a **reauth** route accepts in its body when the session is not fresh: the password, or a
 * current second-factor code for accounts without one. Spread into the route's body schema.
 */
export const reauthFields = { password: passwordField.optional(), code: z.string().max(64).optional() };

/** The body of a **reauth** route that takes nothing else. */
export const reauthBody = z.object(reauthFields);

/**
 * `?cursor=`: the opaque `nextCursor` of a previous page. Only its alphabet and length are checked
 * here; the list's storage decodes it into its keyset and answers 422 on the same field otherwise.
 */
export const cursorField = z.string().regex(new RegExp(`^[A-Za-z0-9_-]{1,${maxCursorLength}}$`), 'Not a cursor from this API.');

/** `?limit=`: 1 to 100 items (default 20), in plain digits: no sign, exponent, hex or spaces. */
export const limitField = z.preprocess(
  (value) => (typeof value === 'string' && /^[0-9]{1,4}$/.test(value) ? Number(value) : value),
  z.number({ error: 'Use a whole number from 1 to 100.' }).int().min(1).max(100).default(20),
);

/** Pagination query `?limit=&cursor=` of every list route. */
export const pageQuery = z.object({ limit: limitField, cursor: cursorField.optional() });

/** A key or SSH key name: trimmed, 1–100 characters, no control characters. */
export const keyNameField = z.string().trim().min(1).max(100).regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed.');
