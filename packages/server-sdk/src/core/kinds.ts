import { ValidationFailedError } from '../errors.js';

/** The kind every account has unless given another; always allowed. */
export const defaultKind = 'user';

/** What a kind's name looks like: lower-case letters, digits, `_` and `-`, starting with a letter. */
export const kindPattern = /^[a-z][a-z0-9_-]{0,39}$/;

/** The part of the configuration kinds are judged by (`config.kinds`). */
export interface KindSettings {
  kinds: Readonly<Record<string, { label: string }>>;
}

/**
 * Whether `kind` may be given to an account or an organization member: `user`, or a configured
 * kind when `kinds` is set; any name of {@link kindPattern} when it is empty.
 * @example isAllowedKind(services.config, 'clinician')
 */
export function isAllowedKind(config: KindSettings, kind: string): boolean {
  if (!kindPattern.test(kind)) return false;
  const names = Object.keys(config.kinds);
  return names.length === 0 || kind === defaultKind || Object.hasOwn(config.kinds, kind);
}

/**
 * `kind` itself when {@link isAllowedKind}; otherwise a 422 naming `field` and the kinds allowed.
 * `undefined` passes through (the field was not given).
 * @throws ValidationFailedError
 */
export function requireAllowedKind<K extends string | undefined>(config: KindSettings, kind: K, field = 'kind'): K {
  if (kind === undefined || isAllowedKind(config, kind)) return kind;
  const names = Object.keys(config.kinds);
  const message = names.length === 0
    ? 'Use lower-case letters, digits, _ and -, starting with a letter (at most 40).'
    : `Use one of: ${[defaultKind, ...names.filter((n) => n !== defaultKind)].join(', ')}.`;
  throw new ValidationFailedError({ errors: [{ field, code: 'invalid_kind', message }] });
}

/** The configured kinds with their labels, in configuration order (`GET /config`). */
export function configuredKinds(config: KindSettings): Array<{ name: string; label: string }> {
  return Object.entries(config.kinds).map(([name, { label }]) => ({ name, label }));
}
