/**
 * Localization: the {@link Translation} one language provides, and the registry elements look
 * their strings up in.
 *
 * An element's language is the nearest `lang` attribute up the tree (crossing shadow roots: on the
 * element, an ancestor, `<latch-provider>` or `<html>`). Its strings come from the registered
 * translations along that tag's fallback chain, string by string: `de-AT` → `de` → `en`.
 * English is built in (`./en.ts`); French and German are modules that register themselves when
 * imported (`./fr.ts`, `./de.ts`), and a host registers its own languages, or changes single
 * strings of a shipped one, with {@link registerTranslation}. Connected elements re-render when a
 * translation is registered and when a `lang` attribute changes.
 *
 * The registry lives on `globalThis` (under a `Symbol.for` key), so every copy of the library on a
 * page shares it: the CDN bundles `latch.js`, `login-form.js` and `locales/<code>.js` are
 * self-contained, yet a language bundle registers for whichever element bundle is loaded.
 */
import type { AccountStrings } from './account.js';
import type { AdminStrings } from './admin.js';
import type { CommonStrings } from './common.js';
import type { OrganizationStrings } from './organizations.js';
import { en } from './en.js';
import type { SettingsStrings } from './settings.js';
import type { SignInStrings } from './sign-in.js';

export type { AccountStrings, AdminStrings, CommonStrings, OrganizationStrings, SettingsStrings, SignInStrings };

/**
 * Every string one language provides, by area. The areas are the string tables of the element
 * families: `common` (every element), `signIn` (`<latch-login-form>`), `account` (sign-up,
 * password reset, verification, email confirmation, invitation), `settings`
 * (`<latch-security-settings>`, its panels, `<latch-idle-timeout>`), `admin`
 * (`<latch-admin-users>`) and `organizations` (`<latch-organization-members>`,
 * `<latch-organization-switcher>`, `<latch-create-organization>`). Some strings are functions,
 * for interpolation and plurals: `backupRemaining: (n) => …`.
 */
export interface Translation {
  /** The BCP 47 language tag this translation is for: `de`, `pt-BR`, `de-CH`. */
  code: string;
  common: CommonStrings;
  signIn: SignInStrings;
  account: AccountStrings;
  settings: SettingsStrings;
  admin: AdminStrings;
  organizations: OrganizationStrings;
}

/** The string tables of a {@link Translation}: `common`, `signIn`, `account`, `settings`, `admin`, `organizations`. */
export type TranslationArea = Exclude<keyof Translation, 'code'>;

/** Some strings of one area; a record such as `problems` may also be given in part. */
export type PartialStrings<T> = {
  [K in keyof T]?: T[K] extends (...args: never[]) => unknown
    ? T[K]
    : T[K] extends readonly unknown[]
      ? T[K]
      : T[K] extends object
        ? Partial<T[K]>
        : T[K];
};

/**
 * What {@link registerTranslation} takes: a language tag and any of its strings. Whatever is
 * left out comes from the next language in the fallback chain, in the end English.
 */
export type PartialTranslation = { code: string } & { [A in TranslationArea]?: PartialStrings<Translation[A]> };

/** Options of {@link registerTranslation}. */
export interface RegisterTranslationOptions {
  /**
   * Register as a language pack rather than as the page's own strings: strings registered without
   * `base` win over a pack's whatever the order they were registered in, so a host's overrides
   * survive the language module loading after them. The shipped modules (`locales/fr.js`,
   * `locales/de.js`) register this way. Default `false`.
   */
  base?: boolean;
}

interface Registration {
  /** The tag in canonical case: `pt-BR`. */
  code: string;
  translation: PartialTranslation;
  base: boolean;
}

interface Registry {
  /** Registrations per lower-case tag, packs first, then the rest, each in registration order. */
  languages: Map<string, Registration[]>;
  /** Incremented on every registration; the copies' caches are valid for one revision. */
  revision: number;
  /** Called after every registration (each library copy adds one, to re-render its elements). */
  listeners: Set<() => void>;
}

const registryKey = Symbol.for('@latch/web-components/translations');

function registry(): Registry {
  const global = globalThis as { [registryKey]?: Registry };
  return (global[registryKey] ??= { languages: new Map(), revision: 0, listeners: new Set() });
}

/** `pt_BR ` → `pt-br`: tags compare case-insensitively. */
const normalize = (tag: string) => tag.trim().replace(/_/g, '-').toLowerCase();

/**
 * Registers a language, or more strings for one: a whole {@link Translation}, or only some strings
 * (the rest falls back along the chain, in the end to English). Registering strings for a tag that
 * already has some (`en`, or a shipped `de`) overrides those strings alone; later registrations win
 * over earlier ones, and the page's own over those made with `base` (the shipped modules'), whatever
 * the order. Connected elements re-render, so a language module may load after the elements did.
 *
 * @example
 * ```ts
 * import { registerTranslation } from '@latch/web-components';
 *
 * // A language of your own: anything missing falls back to English.
 * registerTranslation({ code: 'nl', signIn: { title: 'Inloggen', submit: 'Inloggen' } });
 * // One string of a shipped language.
 * registerTranslation({ code: 'en', signIn: { title: 'Log in to Acme' } });
 * ```
 * @param translation The language tag (`code`, BCP 47) and its strings.
 * @throws TypeError when `code` is not a well-formed BCP 47 language tag.
 */
export function registerTranslation(translation: PartialTranslation, options: RegisterTranslationOptions = {}): void {
  const code = normalize(String(translation?.code ?? ''));
  // Well-formed for Intl too: elements format dates in the language picked.
  let canonical: string | undefined;
  try {
    if (/^[a-z]{2,8}(-[a-z0-9]{1,8})*$/.test(code)) [canonical] = Intl.getCanonicalLocales(code);
  } catch {
    /* not well-formed */
  }
  if (!canonical) throw new TypeError(`registerTranslation: "${translation?.code}" is not a language tag such as "de" or "pt-BR"`);
  const store = registry();
  const list = store.languages.get(code) ?? [];
  const entry = { code: canonical, translation, base: !!options.base };
  if (entry.base) {
    const firstOwn = list.findIndex((r) => !r.base);
    list.splice(firstOwn < 0 ? list.length : firstOwn, 0, entry);
  } else {
    list.push(entry);
  }
  store.languages.set(code, list);
  store.revision++;
  for (const listener of [...store.listeners]) listener();
}

/** The language tags with registered strings (canonical case: `pt-BR`); English, built in, first. */
export function registeredLanguages(): string[] {
  const codes = [...registry().languages.values()].map((list) => list[0]!.code);
  return ['en', ...codes.filter((code) => code !== 'en')];
}

/**
 * The tags a BCP 47 tag falls back through, most specific first, ending in English:
 * `de-AT` → `['de-at', 'de', 'en']`, `zh-Hant-TW` → `['zh-hant-tw', 'zh-hant', 'zh', 'en']`
 * (lower case; a single-letter subtag goes with the one after it, as in RFC 4647 lookup).
 */
export function languageChain(tag: string): string[] {
  const chain: string[] = [];
  const subtags = normalize(tag).split('-').filter(Boolean);
  while (subtags.length) {
    chain.push(subtags.join('-'));
    subtags.pop();
    if (subtags.at(-1)?.length === 1) subtags.pop();
  }
  if (!chain.includes('en')) chain.push('en');
  return chain;
}

/**
 * The registered language a BCP 47 tag gets: the first of its {@link languageChain} with a
 * registered translation (in canonical case, `pt-BR`), else `en`. `pickLang('de-AT')` is `de` once
 * German is registered.
 */
export function pickLang(tag: string): string {
  const languages = registry().languages;
  for (const code of languageChain(tag)) {
    const list = languages.get(code);
    if (list) return list[0]!.code;
  }
  return 'en';
}

/** The nearest `lang` attribute up from an element, through shadow hosts; `<html lang>` included. */
function nearestLang(element: Element): string | undefined {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return node.getAttribute('lang')!;
    node = node.parentNode ?? (node as ShadowRoot).host ?? null;
  }
  return undefined;
}

/**
 * The registered language an element speaks: {@link pickLang} of the nearest `lang` attribute up
 * the tree (crossing shadow roots, up to `<html>`); `en` when there is none.
 */
export function resolveLang(element: Element): string {
  const tag = nearestLang(element);
  return tag ? pickLang(tag) : 'en';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `base` with the strings of `over` on top; records such as `problems` are merged key by key. */
function overlay<T>(base: T, over: object): T {
  const out: Record<string, unknown> = { ...(base as object) };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const below = out[key];
    out[key] = isRecord(value) && isRecord(below) ? { ...below, ...value } : value;
  }
  return out as T;
}

let cacheRevision = -1;
const cache = new Map<string, unknown>();

/**
 * One area's strings for a language: `english` with the registrations along the language's
 * fallback chain on top, least specific first. Cached until the next registration.
 * @internal Elements pass the English of the area they use, so a bundle holds only those areas.
 */
export function stringsFor<A extends TranslationArea>(lang: string, area: A, english: Translation[A]): Translation[A] {
  const store = registry();
  if (cacheRevision !== store.revision) {
    cache.clear();
    cacheRevision = store.revision;
  }
  const key = `${normalize(lang)} ${area}`;
  let strings = cache.get(key) as Translation[A] | undefined;
  if (!strings) {
    strings = english;
    for (const code of languageChain(lang).reverse()) {
      for (const { translation } of store.languages.get(code) ?? []) {
        const part = translation[area];
        if (part) strings = overlay(strings, part);
      }
    }
    cache.set(key, strings);
  }
  return strings;
}

/**
 * Every string for a BCP 47 tag, as the elements would show it: the registered translations along
 * its fallback chain over English. `code` is the language picked ({@link pickLang}).
 */
export function lookupTranslation(tag: string): Translation {
  const lang = pickLang(tag);
  return {
    code: lang,
    common: stringsFor(lang, 'common', en.common),
    signIn: stringsFor(lang, 'signIn', en.signIn),
    account: stringsFor(lang, 'account', en.account),
    settings: stringsFor(lang, 'settings', en.settings),
    admin: stringsFor(lang, 'admin', en.admin),
    organizations: stringsFor(lang, 'organizations', en.organizations),
  };
}

/**
 * Calls `listener` after every registration, from any copy of the library; returns the
 * unsubscribe function.
 * @internal
 */
export function onTranslationsChange(listener: () => void): () => void {
  const listeners = registry().listeners;
  listeners.add(listener);
  return () => listeners.delete(listener);
}
