import nodemailer from 'nodemailer';
import type { Logger } from '../logger.js';

/** One email ready to send. */
export interface MailMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
}

/** Delivers emails. `send` rejects when the message was not accepted (the outbox retries). */
export interface Mailer {
  /** `dev` mailers keep bodies for the development mailbox; real ones let the outbox erase them. */
  readonly kind: 'smtp' | 'dev' | 'custom';
  send(message: MailMessage): Promise<void>;
  close?(): Promise<void>;
}

/** nodemailer's transport settings for an `smtp://` or `smtps://` URL (shared by the mailer and the check). */
function smtpTransportOptions(smtpUrl: string, timeoutMs?: number) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // Plain SMTP on loopback (tests, local relays) must not try STARTTLS.
    ignoreTLS: url.searchParams.get('tls') === 'off' || ['127.0.0.1', 'localhost', '::1'].includes(url.hostname),
    connectionTimeout: timeoutMs ?? 10_000,
    greetingTimeout: timeoutMs ?? 10_000,
    socketTimeout: timeoutMs ?? 20_000,
  };
}

/**
 * Checks that the SMTP server of `smtpUrl` answers as the mailer would use it: connects, reads the
 * greeting, says EHLO, upgrades with STARTTLS where offered and logs in when the URL has
 * credentials; sends nothing. For deployment checks (`latch-server doctor`).
 * @throws the connection or protocol error (its message names no credential).
 */
export async function verifySmtpServer(smtpUrl: string, timeoutMs = 5000): Promise<void> {
  const transport = nodemailer.createTransport(smtpTransportOptions(smtpUrl, timeoutMs));
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
}

/**
 * An SMTP mailer through nodemailer.
 * @example const mailer = createSmtpMailer('smtp://user:pass@mail.example.com:587');
 */
export function createSmtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpTransportOptions(smtpUrl));
  return {
    kind: 'smtp',
    async send(message) {
      // Exactly one recipient, taken from our own stored address; nodemailer never parses a list.
      await transport.sendMail({
        from: message.from,
        to: message.to,
        envelope: { from: addressOf(message.from), to: [message.to] },
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    async close() { transport.close(); },
  };
}

function addressOf(from: string): string {
  const match = /<([^>]+)>/.exec(from);
  return match ? match[1]! : from;
}

/**
 * The development mailer: sends nothing, and logs each email's recipient, subject and links;
 * bodies stay in the outbox (the reference server lists them at `/dev/mailbox`).
 */
export function createDevMailer(logger: Logger): Mailer {
  return {
    kind: 'dev',
    async send(message) {
      const links = message.text.match(/https?:\/\/\S+/g) ?? [];
      logger.info({ event: 'mail.dev', to: message.to, subject: message.subject, links }, 'development email (not sent: no SMTP server configured)');
    },
  };
}
