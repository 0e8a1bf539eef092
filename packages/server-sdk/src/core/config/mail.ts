import { z } from 'zod';
import type { Mailer } from '../../mail/mailer.js';
import { templateOverrideProblems, type MailTemplateOverrides } from '../../mail/overrides.js';

const day = 86_400;

/** The `mail` section. */
export const mailSchema = z.object({
  from: z.string().min(1).default('Latch <no-reply@localhost>').describe('Sender address.'),
  smtpUrl: z.string().optional().meta({
    description: '`smtp://user:pass@host:port` (`smtps://` for implicit TLS). Without it or `mailer`, emails are not sent: they go to the development outbox and the log (the reference server also lists them at `/dev/mailbox`); production needs one of the two.',
    docDefault: 'unset: development outbox',
  }),
  mailer: z.custom<Mailer>((value) => typeof (value as Partial<Mailer> | null)?.send === 'function', 'must be a Mailer (with a send function)').optional().meta({
    description: 'A custom mailer; overrides `smtpUrl`.',
    docType: 'Mailer',
  }),
  productName: z.string().min(1).default('Latch')
    .describe('Product name in email subjects and texts; also the default authenticator issuer and passkey relying-party name.'),
  maxAttempts: z.number().int().min(1).default(8)
    .describe('Most delivery attempts of a message the SMTP server refuses (5xx) before it is given up, with exponential back-off (5 s doubling, at most 1 h); an outage is retried for three days.'),
  pollIntervalMs: z.number().positive().default(1000).describe('Poll interval of the delivery worker.'),
  startWorker: z.boolean().default(true).describe('Start the delivery worker with `createLatch`.'),
  templates: z.custom<MailTemplateOverrides>().superRefine((value, check) => {
    for (const message of templateOverrideProblems(value)) check.addIssue({ code: 'custom', message });
  }).optional().meta({
    description: 'Replacements of the built-in emails, by message kind then language (`default` or the `mail.language` value): `{ subject?, text?, html? }`, each a string with `{{placeholder}}` variables (HTML-escaped in `html`) or a function of the variables. Unknown kinds or placeholders are refused at start-up. See docs/guides/email-templates.md.',
    docType: 'MailTemplateOverrides',
    docDefault: 'none: built-in emails',
  }),
  language: z.string().min(1).default('default')
    .describe('Which `mail.templates` entry of each kind is used first; a kind without one uses its `default` entry, then the built-in (English) email.'),
}).describe('Mail delivery through the outbox.');

/** The `links` section. */
export const linksSchema = z.object({
  verifyEmailTtlSeconds: z.number().positive().max(day).default(day).describe('Email verification link lifetime.'),
  resetPasswordTtlSeconds: z.number().positive().max(3600).default(3600).describe('Password reset link lifetime.'),
  changeEmailTtlSeconds: z.number().positive().default(day).describe('Login-email change confirmation lifetime.'),
  invitationTtlSeconds: z.number().positive().default(3 * day).describe('Invitation (set-password) link lifetime.'),
}).describe('Lifetimes of emailed links.');

/** The `pages` section. */
export const pagesSchema = z.object({
  verifyEmail: z.string().min(1).default('/verify-email').describe('Confirms an email address.'),
  resetPassword: z.string().min(1).default('/reset-password').describe('Sets a new password after "forgot password".'),
  confirmEmail: z.string().min(1).default('/confirm-email').describe('Confirms a new login email.'),
  acceptInvite: z.string().min(1).default('/accept-invite').describe('Sets the password of an invited account.'),
  signIn: z.string().min(1).default('/sign-in').describe('Sign-in.'),
  settings: z.string().min(1).default('/settings').describe('Account settings.'),
}).describe('Paths of the pages emailed links open, relative to `publicUrl`.');

/** The `mail` section as `createLatch` accepts it. */
export type MailConfig = z.input<typeof mailSchema>;
/** The `links` section as `createLatch` accepts it. */
export type LinkConfig = z.input<typeof linksSchema>;
/** The `pages` section as `createLatch` accepts it. */
export type PageConfig = z.input<typeof pagesSchema>;
