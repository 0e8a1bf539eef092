import { escapeHtml, templates, type MailContext, type RenderedMail, type TemplateName } from './templates.js';

/** The values a template override may use, all as strings. */
export type TemplateVariables = Record<string, string>;

/** One part of an override: a `{{placeholder}}` string, or a function of the variables (an `html` function escapes for itself). */
export type TemplatePart = string | ((vars: TemplateVariables, helpers: { escapeHtml: (value: string) => string }) => string);

/** Replacements for some or all of one message's parts; a missing part keeps the built-in one. */
export interface TemplateOverride { subject?: TemplatePart; text?: TemplatePart; html?: TemplatePart }

/**
 * `mail.templates`: by message kind, then by language (`default` or the `mail.language` value).
 * @example { verifyEmail: { default: { subject: 'Welcome to {{productName}}', text: 'Hi {{name}}, open {{url}}' } } }
 */
export type MailTemplateOverrides = Partial<Record<TemplateName, Record<string, TemplateOverride>>>;

/** Variables every message has, besides its own. */
export const sharedTemplateVariables = ['productName', 'time', 'ip', 'userAgent'] as const;

type DataKeys<N extends TemplateName> = keyof Parameters<(typeof templates)[N]>[0] & string;

/** Each message kind's own variables (its data), checked against the template's signature. */
export const templateVariables = {
  verifyEmail: ['name', 'url', 'hours'],
  signUpExisting: ['name', 'signInUrl', 'resetUrl'],
  resetPassword: ['name', 'url', 'minutes'],
  passwordChanged: ['name', 'how'],
  confirmNewEmail: ['name', 'url', 'hours'],
  emailChangeRequested: ['name', 'newEmail'],
  emailChanged: ['name', 'newEmail'],
  invitation: ['name', 'url', 'hours', 'invitedBy'],
  accountSecured: ['name', 'revokedSessions', 'revokedApiKeys', 'passwordChanged', 'twoFactorEnabled', 'settingsUrl'],
  newDeviceSignIn: ['name', 'browser', 'os', 'ip', 'time', 'lookbackDays', 'settingsUrl', 'secureUrl'],
  phoneChanged: ['name', 'change', 'phoneNumber', 'changedBy'],
  twoFactorRemovedByAdmin: ['name', 'removedBy', 'settingsUrl'],
  organizationInvitation: ['name', 'organizationName', 'invitedBy', 'role', 'url', 'validFor', 'hasAccount'],
  securityNotice: ['name', 'subject', 'message'],
  signInCode: ['name', 'code', 'minutes'],
  confirmationCode: ['name', 'code', 'minutes'],
} as const satisfies { readonly [N in TemplateName]: readonly DataKeys<N>[] };

/** Fails to compile when a template gains data its list above does not name. */
type Unlisted = { [N in TemplateName]: Exclude<DataKeys<N>, (typeof templateVariables)[N][number]> };
const everyVariableListed: { [N in TemplateName]: never } = null as unknown as Unlisted;
void everyVariableListed;

const placeholder = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const parts = ['subject', 'text', 'html'] as const;

/**
 * What is wrong with `overrides`, one sentence per problem (empty when valid): unknown message
 * kinds or parts, parts that are neither string nor function, and placeholders the kind does not have.
 */
export function templateOverrideProblems(overrides: unknown): string[] {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) return ['must be an object of message kinds'];
  const problems: string[] = [];
  const kinds = Object.keys(templateVariables);
  for (const [kind, languages] of Object.entries(overrides)) {
    if (!(kind in templateVariables)) {
      problems.push(`names the unknown message kind "${kind}" (known: ${kinds.join(', ')})`);
      continue;
    }
    if (typeof languages !== 'object' || languages === null) { problems.push(`.${kind} must be an object of languages`); continue; }
    const known = new Set<string>([...sharedTemplateVariables, ...templateVariables[kind as TemplateName]]);
    for (const [language, override] of Object.entries(languages as Record<string, unknown>)) {
      const at = `.${kind}.${language}`;
      if (typeof override !== 'object' || override === null) { problems.push(`${at} must be an object with subject, text or html`); continue; }
      for (const [part, value] of Object.entries(override)) {
        if (!(parts as readonly string[]).includes(part)) { problems.push(`${at} has the unknown part "${part}" (use subject, text or html)`); continue; }
        if (typeof value === 'function') continue;
        if (typeof value !== 'string') { problems.push(`${at}.${part} must be a string or a function`); continue; }
        const unknown = [...value.matchAll(placeholder)].map((m) => m[1]!).filter((name) => !known.has(name));
        if (unknown.length) problems.push(`${at}.${part} uses the unknown placeholder${unknown.length > 1 ? 's' : ''} ${[...new Set(unknown)].map((n) => `{{${n}}}`).join(', ')} (${kind} has ${[...known].join(', ')})`);
      }
    }
  }
  return problems;
}

function fill(part: TemplatePart, vars: TemplateVariables, escape: boolean): string {
  if (typeof part === 'function') return part(vars, { escapeHtml });
  return part.replace(placeholder, (_, name: string) => (escape ? escapeHtml(vars[name] ?? '') : vars[name] ?? ''));
}

/** Header-safe subject: a line break in a value would otherwise start a new header. */
const oneLine = (subject: string) => subject.replace(/[\r\n]+/g, ' ').trim();

/**
 * Renders `template`: the built-in parts, replaced by the override for `language` (else for
 * `default`) part by part. Placeholders are HTML-escaped in `html` and raw in `subject` and
 * `text`; the subject is always one line.
 */
export function renderMail(
  template: TemplateName, data: Record<string, unknown>, ctx: MailContext, overrides: MailTemplateOverrides | undefined, language: string,
): RenderedMail {
  const builtIn = (templates[template] as (d: unknown, c: MailContext) => RenderedMail)(data, ctx);
  const byLanguage = overrides?.[template];
  const chosen = { ...byLanguage?.default, ...(language !== 'default' ? byLanguage?.[language] : undefined) };
  if (!chosen.subject && !chosen.text && !chosen.html) return { ...builtIn, subject: oneLine(builtIn.subject) };
  const vars: TemplateVariables = {
    productName: ctx.productName, time: ctx.at.toISOString(), ip: ctx.ip ?? '', userAgent: ctx.userAgent ?? '',
  };
  for (const [key, value] of Object.entries(data)) vars[key] = value === null || value === undefined ? '' : String(value);
  return {
    subject: oneLine(chosen.subject ? fill(chosen.subject, vars, false) : builtIn.subject),
    text: chosen.text ? fill(chosen.text, vars, false) : builtIn.text,
    html: chosen.html ? fill(chosen.html, vars, true) : builtIn.html,
  };
}
