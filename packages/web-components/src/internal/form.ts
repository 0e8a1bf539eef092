import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CommonStrings } from '../locales/common.js';

/** How {@link field} renders one labelled control. */
export interface FieldOptions {
  /** Element id, unique within the shadow root; also the default `name`. */
  id: string;
  label: string;
  name?: string;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  value?: string;
  hint?: string | TemplateResult;
  /** Shown under the control and tied to it with `aria-describedby`. */
  error?: string | undefined;
  /** Adds "(optional)" to the label. */
  optional?: string;
  maxlength?: number;
  /** A `<textarea>` instead of an `<input>`. */
  multiline?: boolean;
  placeholder?: string;
}

/** A label, an optional hint, the control and its error message, wired for assistive technology. */
export function field(o: FieldOptions): TemplateResult {
  const described = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    described: described || undefined,
    invalid: o.error ? 'true' : 'false',
  };
  return html`<div class="field" part="field">
    <label for=${o.id} part="label">${o.label}${o.optional ? html` <span class="muted">(${o.optional})</span>` : nothing}</label>
    ${o.hint ? html`<p class="hint" id=${`${o.id}-hint`}>${o.hint}</p>` : nothing}
    ${o.multiline
      ? html`<textarea part="input" id=${o.id} name=${o.name ?? o.id} spellcheck="false" autocomplete="off"
          placeholder=${ifDefined(o.placeholder)} aria-invalid=${common.invalid} aria-describedby=${ifDefined(common.described)}></textarea>`
      : html`<input part="input" id=${o.id} name=${o.name ?? o.id} type=${o.type ?? 'text'}
          autocomplete=${ifDefined(o.autocomplete)} inputmode=${ifDefined(o.inputmode)} value=${ifDefined(o.value)}
          maxlength=${ifDefined(o.maxlength)} placeholder=${ifDefined(o.placeholder)}
          spellcheck=${o.type === 'email' || o.type === 'password' || o.inputmode ? 'false' : nothing}
          aria-invalid=${common.invalid} aria-describedby=${ifDefined(common.described)}>`}
    ${o.error ? html`<p class="field-error" part="field-error" id=${`${o.id}-error`}>${o.error}</p>` : nothing}
  </div>`;
}

/** The form's live region for errors (always rendered, so changes are announced). */
export function alertRegion(text: string | undefined): TemplateResult {
  return html`<div class="alert" part="error" role="alert">${text ?? nothing}</div>`;
}

/** The form's live region for outcomes that are not errors. */
export function statusRegion(text: string | undefined): TemplateResult {
  return html`<div class="status" part="status" role="status">${text ?? nothing}</div>`;
}

/** The submitted form's text values by name. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value;
  });
  return values;
}

/** The words for a missing or malformed email address, or undefined when it looks fine. */
export function checkEmail(value: string, s: CommonStrings): string | undefined {
  const email = value.trim();
  if (!email) return s.emailRequired;
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return s.emailInvalid;
  return undefined;
}

/** The `token` query parameter of the page (emailed links carry it). */
export function tokenFromLocation(): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}

/** Navigates to a same-origin URL; ignores anything else (no open redirects). */
export function navigateSameOrigin(href: string): void {
  const url = new URL(href, location.href);
  if (url.origin === location.origin) location.assign(url.href);
}

/**
 * The return address in the page's `?redirect=` (a link that sends someone to sign in first
 * carries it), as a same-origin path; undefined when there is none or it points elsewhere.
 */
export function redirectFromLocation(): string | undefined {
  const value = new URLSearchParams(location.search).get('redirect');
  if (!value) return undefined;
  try {
    const url = new URL(value, location.href);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : undefined;
  } catch {
    return undefined;
  }
}

/** `signInHref` with this page as its `?redirect=`, so signing in comes back here. */
export function signInReturningHere(signInHref: string): string {
  const url = new URL(signInHref, location.href);
  url.searchParams.set('redirect', location.pathname + location.search + location.hash);
  return url.origin === location.origin ? url.pathname + url.search + url.hash : url.href;
}

/** Formats an ISO time for people. */
export function formatTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Copies text to the clipboard; false when the browser refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Offers text as a file download. */
export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
