import type { AddressInfo } from 'node:net';

/**
 * The SMTP server and the mail parser, loaded on first use: they are optional peer dependencies
 * of the SDK, so a host app that uses other test helpers, or none, needs neither installed.
 */
async function loadMailPackages(): Promise<{ SMTPServer: typeof import('smtp-server').SMTPServer; simpleParser: typeof import('mailparser').simpleParser }> {
  try {
    const [smtp, parser] = await Promise.all([import('smtp-server'), import('mailparser')]);
    return { SMTPServer: smtp.SMTPServer, simpleParser: parser.simpleParser };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error('startSmtpSink needs the smtp-server and mailparser packages (optional peer dependencies of @latch/server-sdk): '
      + 'npm install --save-dev smtp-server mailparser', { cause: error });
  }
}

/** One email received by the sink. */
export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: Date;
}

/** A real SMTP server on loopback that keeps what it receives. */
export interface SmtpSink {
  /** `smtp://127.0.0.1:PORT`. */
  url: string;
  messages: ReceivedMail[];
  /** Resolves with the first message (already received or arriving) to `to` that matches. */
  waitFor(to: string, match?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Messages received for an address. */
  for(to: string): ReceivedMail[];
  /** Makes the server refuse messages (an outage) until set back. */
  setRefusing(refusing: boolean): void;
  close(): Promise<void>;
}

/**
 * Starts an `smtp-server` on 127.0.0.1 with an ephemeral port (needs the `smtp-server` and
 * `mailparser` packages, optional peer dependencies of the SDK).
 * @example const sink = await startSmtpSink(); const mail = await sink.waitFor('a@example.com');
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const { SMTPServer, simpleParser } = await loadMailPackages();
  const messages: ReceivedMail[] = [];
  const waiters: Array<{ to: string; match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }> = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      if (refusing) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then((parsed) => {
        const mail: ReceivedMail = {
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          receivedAt: new Date(),
        };
        messages.push(mail);
        for (const waiter of [...waiters]) {
          if (mail.to.includes(waiter.to) && waiter.match(mail)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(mail);
          }
        }
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    for: (to) => messages.filter((m) => m.to.includes(to.toLowerCase())),
    waitFor(to, match = () => true, timeoutMs = 10_000) {
      const address = to.toLowerCase();
      const found = messages.find((m) => m.to.includes(address) && match(m));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ to: address, match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      });
    },
    setRefusing(value) { refusing = value; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that contains `needle` (for example `/verify-email?token=`). */
export function linkIn(mail: ReceivedMail, needle: string): string {
  const link = (mail.text.match(/https?:\/\/\S+/g) ?? []).find((l) => l.includes(needle));
  if (!link) throw new Error(`no link containing ${needle} in mail "${mail.subject}"`);
  return link;
}

/** The `token` query parameter of the first link containing `needle`. */
export function tokenIn(mail: ReceivedMail, needle: string): string {
  const token = new URL(linkIn(mail, needle)).searchParams.get('token');
  if (!token) throw new Error('link has no token');
  return token;
}
