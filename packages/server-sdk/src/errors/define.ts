/** What the registry says about one error code. */
export interface ErrorSpec {
  /** The HTTP status every problem with this code has. */
  readonly status: number;
  /** The problem's `title`: short and the same for every occurrence. */
  readonly title: string;
  /** The default message, sent as `detail` when the thrower gives none (below 500). */
  readonly message: string;
  /** When a client gets this code, for the reference docs (docs/reference/errors.md). */
  readonly description: string;
}

/** Error codes of one area, keyed by their snake_case code. */
export type ErrorTable = Readonly<Record<string, ErrorSpec>>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Flatten<T> = { readonly [K in keyof T]: T[K] };

/**
 * Declares the error codes of one area. The table keeps its literal types (as if written
 * `as const`), so codes and statuses stay exact in the types derived from it.
 * @example export const billingErrors = defineErrors({ card_declined: { status: 402, title: 'Card declined', message: 'The card was declined.', description: 'The payment provider refused the card.' } });
 */
export function defineErrors<const T extends ErrorTable>(table: T): T {
  return table;
}

/**
 * Merges area tables into one registry, in the order given.
 * @throws Error when two tables declare the same code (one code, one meaning).
 */
export function composeErrors<const T extends readonly ErrorTable[]>(...tables: T): Flatten<UnionToIntersection<T[number]>> {
  const merged: Record<string, ErrorSpec> = {};
  for (const table of tables) {
    for (const [code, spec] of Object.entries(table)) {
      if (code in merged) throw new Error(`error code ${code} is declared twice`);
      merged[code] = spec;
    }
  }
  return Object.freeze(merged) as Flatten<UnionToIntersection<T[number]>>;
}
