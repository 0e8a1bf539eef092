/** What a slug looks like: lower-case letters, digits and inner dashes, 1 to 64 characters. */
export const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

const maxSlugLength = 64;

/**
 * A slug derived from an organization's name: accents dropped, anything but letters and digits
 * turned into single dashes, at most 64 characters; `org` when nothing is left.
 * @example slugFromName('Café Müller & Söhne') // 'cafe-muller-sohne'
 */
export function slugFromName(name: string): string {
  const slug = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, maxSlugLength).replace(/-+$/, '');
  return slug || 'org';
}

/** The `n`-th alternative of a derived slug (`acme-2`, `acme-3`, …), still at most 64 characters. */
export function numberedSlug(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${base.slice(0, maxSlugLength - suffix.length).replace(/-+$/, '')}${suffix}`;
}
