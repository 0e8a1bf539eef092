import { InvalidScopeError } from '../errors.js';

/** Roles that hold administrative scopes. */
export const administratorRoles: readonly string[] = ['super_admin', 'admin'];

/** True for scopes that only administrators may hold (`admin` and `admin:…`). */
export function isAdministrativeScope(scope: string): boolean {
  return scope === 'admin' || scope.startsWith('admin:');
}

/**
 * The scopes a user may hold: every scope of the catalogue, except administrative ones
 * (`admin`, `admin:…`) for users without an administrator role. A credential never carries more.
 * @example scopesOfUser({ roles: [] }, ['read', 'write', 'admin:users']) // ['read', 'write']
 */
export function scopesOfUser(user: { roles: readonly string[] }, catalogue: readonly string[]): string[] {
  const administrator = user.roles.some((r) => administratorRoles.includes(r));
  return catalogue.filter((scope) => administrator || !isAdministrativeScope(scope));
}

/**
 * Validates scopes requested for a new credential: each must be in the catalogue and within the
 * user's rights. Returns them de-duplicated, in catalogue order.
 * @throws InvalidScopeError naming the refused scopes.
 * @example requireGrantableScopes(user, ['read'], config.apiKeys.scopes)
 */
export function requireGrantableScopes(user: { roles: readonly string[] }, requested: readonly string[], catalogue: readonly string[]): string[] {
  const allowed = scopesOfUser(user, catalogue);
  const refused = [...new Set(requested.filter((s) => !allowed.includes(s)))];
  if (refused.length > 0) {
    const unknown = refused.filter((s) => !catalogue.includes(s));
    throw new InvalidScopeError({
      detail: unknown.length > 0
        ? `Unknown scope: ${unknown.map((s) => JSON.stringify(s.slice(0, 64))).join(', ')}. Choose from ${catalogue.join(', ')}.`
        : `Your account cannot grant: ${refused.join(', ')}.`,
      errors: [{ field: 'scopes', code: 'invalid_scope', message: 'One or more scopes are unknown or above your rights.' }],
    });
  }
  return catalogue.filter((s) => requested.includes(s));
}

/**
 * The scopes a credential carries now: those it was given, narrowed to the user's current rights
 * (so a demoted administrator's keys lose administrative scopes at once).
 */
export function effectiveScopes(granted: readonly string[], user: { roles: readonly string[] }, catalogue: readonly string[]): string[] {
  const allowed = scopesOfUser(user, catalogue);
  return granted.filter((s) => allowed.includes(s));
}
