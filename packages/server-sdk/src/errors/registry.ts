import { accessErrors, credentialErrors, requestErrors } from './codes.js';
import { composeErrors } from './define.js';
import { organizationErrors } from './organization-codes.js';

/**
 * Every error code Latch answers with: its HTTP status, problem title and default message.
 * The single source of the error classes, the OpenAPI statuses, `docs/reference/errors.md` and
 * the components' `LatchProblemCode`.
 *
 * A feature's codes are a table of their own here (`organization-codes.ts`, made with
 * `defineErrors`), listed below; its error classes are another module of this folder that files
 * them in `ErrorsByCode` (`organization-classes.ts`): this one is loaded before any error class
 * exists. Kept in this folder, so errors/ never imports a feature (no import cycle).
 */
export const errorRegistry = composeErrors(requestErrors, accessErrors, credentialErrors, organizationErrors);

/** Every error code Latch can answer with. Clients branch on these, never on messages. */
export type LatchErrorCode = keyof typeof errorRegistry;

/** The HTTP status of a code, as a literal type. */
export type ErrorStatus<C extends LatchErrorCode = LatchErrorCode> = (typeof errorRegistry)[C]['status'];

/** Every code, in registry order. */
export const errorCodes = Object.keys(errorRegistry) as LatchErrorCode[];

/**
 * The problem title of each code.
 * @deprecated Read `errorRegistry[code].title`.
 */
export const problemTitles: { readonly [C in LatchErrorCode]: (typeof errorRegistry)[C]['title'] } =
  Object.fromEntries(errorCodes.map((code) => [code, errorRegistry[code].title])) as never;
