/**
 * Localization: typed string tables, one per area (common, sign-in, account pages, settings), each
 * holding every shipped language. Splitting by area keeps the login-form bundle free of the
 * settings strings. An element picks its language from the nearest `lang` attribute (crossing
 * shadow roots), then the document's, and falls back to English.
 */

/** The languages shipped. */
export type Lang = 'en' | 'fr';

/** A string table in every shipped language. */
export type Table<T> = Record<Lang, T>;

/** The language for an element: the nearest `lang` up the tree (through shadow hosts), else English. */
export function resolveLang(element: Element): Lang {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) {
      return pickLang(node.getAttribute('lang')!);
    }
    node = node.parentNode ?? (node as ShadowRoot).host ?? null;
  }
  return 'en';
}

/** Maps a BCP 47 tag (`fr-CA`) to a shipped language. */
export function pickLang(tag: string): Lang {
  return tag.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
