import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { recordAudit } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import type { Services } from '../core/services.js';
import { ConflictError, NotFoundError, ValidationFailedError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';

/** Longer input is no phone number; refusing it early keeps the parser's work bounded. */
const maxPhoneInputLength = 40;

const invalid = (message: string) => new ValidationFailedError({ errors: [{ field: 'phoneNumber', code: 'invalid_phone_number', message }] });

/**
 * A phone number in E.164 (`+442079460958`), or null to remove it. The input must carry its
 * country (`+44 20 7946 0958`); spaces, dashes, dots and brackets are allowed.
 * @throws ValidationFailedError (field `phoneNumber`) when it is not a valid international number
 * @example normalizePhoneNumber('+44 20 7946 0958') // '+442079460958'
 */
export function normalizePhoneNumber(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (trimmed.length > maxPhoneInputLength || /\p{Cc}/u.test(trimmed)) throw invalid('Not a phone number.');
  if (!trimmed.startsWith('+')) throw invalid('Include the country code, starting with + (e.g. +44 20 7946 0958).');
  try {
    const number = parsePhoneNumberWithError(trimmed);
    if (!number.isValid()) throw invalid('Not a valid phone number for its country.');
    return number.number;
  } catch (error) {
    if (error instanceof ValidationFailedError) throw error;
    throw invalid('Not a valid phone number.');
  }
}

/**
 * Whether setting `value` would change the account's phone number (normalized first). Callers ask
 * this before {@link changePhoneNumber} to demand reauthentication only for a real change.
 * `undefined` (the field absent from a request) changes nothing.
 * @throws ValidationFailedError when `value` is not a valid number
 */
export function changesPhoneNumber(target: Pick<UserRecord, 'phoneNumber'>, value: string | null | undefined): boolean {
  if (value === undefined) return false;
  return normalizePhoneNumber(value) !== target.phoneNumber;
}

/**
 * `+442079460958` → `+**********58`: enough for the owner to recognise in a notice or the audit
 * trail, too little to call.
 */
export function maskPhoneNumber(phoneNumber: string | null): string | null {
  if (phoneNumber === null) return null;
  return `+${'*'.repeat(Math.max(0, phoneNumber.length - 3))}${phoneNumber.slice(-2)}`;
}

/**
 * Sets, replaces or removes (`null`) `target`'s phone number in the caller's transaction: the
 * number is normalized to E.164, the owner is told at the login email (`phoneChanged`), the audit
 * trail gets `user.phone_changed` (with the actor and masked numbers), `user.phone_changed` is
 * announced and every process drops what it cached of the account. Nothing happens when the
 * number is the one already stored.
 *
 * Who may change whose number and the reauthentication of the actor (when
 * {@link changesPhoneNumber}) are the caller's to check first. `target` is the account as the
 * caller judged it; when its number changed meanwhile, the call fails with `conflict` rather than
 * apply a change that was checked against an old value.
 * @returns the account as stored afterwards
 * @throws ValidationFailedError (field `phoneNumber`) for an invalid number; ConflictError as above
 */
export async function changePhoneNumber(
  s: Services, tx: Storage, target: UserRecord, value: string | null, actor: UserRecord, ctx: RequestContext,
): Promise<UserRecord> {
  const phoneNumber = normalizePhoneNumber(value);
  const current = await tx.users.lockForUpdate(target.id);
  if (!current) throw new NotFoundError();
  if (current.phoneNumber !== target.phoneNumber) throw new ConflictError({ detail: 'The phone number was changed meanwhile; reload and try again.' });
  if (phoneNumber === current.phoneNumber) return current;

  const now = s.clock.now();
  const user = await tx.users.setPhoneNumber(current.id, phoneNumber, now);
  const from = maskPhoneNumber(current.phoneNumber);
  const to = maskPhoneNumber(phoneNumber);
  await recordAudit(tx, s.clock, { type: 'user.phone_changed', userId: current.id, actorId: actor.id, detail: { actorId: actor.id, from, to } }, ctx);
  await s.outbox.enqueue(tx, current.email, 'phoneChanged', {
    name: current.displayName,
    change: current.phoneNumber === null ? 'added' : phoneNumber === null ? 'removed' : 'changed',
    phoneNumber: to ?? '',
    changedBy: actor.id === current.id ? '' : actor.displayName || actor.email,
  }, ctx);
  await s.events.emit(tx, 'user.phone_changed', { userId: current.id, actorId: actor.id });
  await s.sessions.userChanged(tx, current.id);
  return user;
}
