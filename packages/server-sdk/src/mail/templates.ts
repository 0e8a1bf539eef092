/** The emails Latch sends, each rendered as text and HTML from one definition. */

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Data shared by all templates. */
export interface MailContext {
  productName: string;
  /** When and from where the event happened (shown in security notices). */
  at: Date;
  ip: string | null;
  userAgent: string | null;
}

interface Block { paragraphs: string[]; action?: { label: string; url: string }; footer?: string }

/** Escapes `&<>"'` for HTML text and attribute values. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function render(subject: string, block: Block, ctx: MailContext): RenderedMail {
  const where = [ctx.ip && `address ${ctx.ip}`, ctx.userAgent && `browser ${ctx.userAgent.slice(0, 200)}`].filter(Boolean).join(', ');
  const meta = `Time: ${ctx.at.toISOString()}${where ? ` (${where})` : ''}`;
  const footer = block.footer ?? `If this wasn't you, reset your password and review your sessions.`;
  const text = [
    ...block.paragraphs,
    ...(block.action ? [`${block.action.label}: ${block.action.url}`] : []),
    meta,
    footer,
    `— ${ctx.productName}`,
  ].join('\n\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328">
${block.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n')}
${block.action ? `<p><a href="${escapeHtml(block.action.url)}" style="display:inline-block;padding:10px 16px;background:#1f6feb;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(block.action.label)}</a></p><p style="font-size:13px;color:#59636e">Or open this link: ${escapeHtml(block.action.url)}</p>` : ''}
<p style="font-size:13px;color:#59636e">${escapeHtml(meta)}<br>${escapeHtml(footer)}</p>
<p>— ${escapeHtml(ctx.productName)}</p></body></html>`;
  return { subject: `${ctx.productName}: ${subject}`, text, html };
}

const hello = (name: string) => (name ? `Hello ${name},` : 'Hello,');

/** Every template by name; each takes its own data and the shared context. */
export const templates = {
  verifyEmail: (d: { name: string; url: string; hours: number }, ctx: MailContext) =>
    render('Verify your email address', {
      paragraphs: [hello(d.name), `Confirm this address to finish creating your account. The link works once, for ${d.hours} hours.`],
      action: { label: 'Verify email address', url: d.url },
      footer: `If you did not sign up, ignore this email.`,
    }, ctx),
  signUpExisting: (d: { name: string; signInUrl: string; resetUrl: string }, ctx: MailContext) =>
    render('Someone tried to sign up with your address', {
      paragraphs: [hello(d.name), 'Someone tried to create an account with this email address, which already has one. Nothing was changed.', `Forgot your password? Request a new one at ${d.resetUrl}`],
      action: { label: 'Sign in', url: d.signInUrl },
      footer: `If this wasn't you, you can ignore this email.`,
    }, ctx),
  resetPassword: (d: { name: string; url: string; minutes: number }, ctx: MailContext) =>
    render('Reset your password', {
      paragraphs: [hello(d.name), `Use this link to choose a new password. It works once, for ${d.minutes} minutes, and signs you out everywhere.`],
      action: { label: 'Choose a new password', url: d.url },
      footer: `If you did not ask for this, ignore this email: your password stays as it is.`,
    }, ctx),
  passwordChanged: (d: { name: string; how: 'changed' | 'reset' | 'set' }, ctx: MailContext) =>
    render(d.how === 'set' ? 'Your password was set' : 'Your password was changed', {
      paragraphs: [hello(d.name), {
        reset: 'Your password was reset and every session was signed out.',
        changed: 'Your password was changed and your other sessions were signed out.',
        set: 'A password was set for your account with your invitation link, and any other session was signed out.',
      }[d.how]],
    }, ctx),
  confirmNewEmail: (d: { name: string; url: string; hours: number }, ctx: MailContext) =>
    render('Confirm your new email address', {
      paragraphs: [hello(d.name), `Confirm this address to make it your sign-in email. The link works once, for ${d.hours} hours.`],
      action: { label: 'Confirm new email address', url: d.url },
      footer: `If you did not ask for this, ignore this email.`,
    }, ctx),
  emailChangeRequested: (d: { name: string; newEmail: string }, ctx: MailContext) =>
    render('A change of your sign-in email was requested', {
      paragraphs: [hello(d.name), `Someone asked to change the sign-in email of your account to ${d.newEmail}. It changes only once the new address confirms.`],
    }, ctx),
  emailChanged: (d: { name: string; newEmail: string }, ctx: MailContext) =>
    render('Your sign-in email was changed', {
      paragraphs: [hello(d.name), `Your account now signs in with ${d.newEmail}.`],
    }, ctx),
  invitation: (d: { name: string; url: string; hours: number; invitedBy: string }, ctx: MailContext) =>
    render('You have been invited', {
      paragraphs: [hello(d.name), `${d.invitedBy} created an account for you. Choose a password to start. The link works once, for ${d.hours} hours.`],
      action: { label: 'Set your password', url: d.url },
      footer: `If you did not expect this, ignore this email.`,
    }, ctx),
  accountSecured: (d: {
    name: string; revokedSessions: number; revokedApiKeys: number; passwordChanged: boolean; twoFactorEnabled: boolean; settingsUrl: string;
  }, ctx: MailContext) =>
    render('Your account was secured', {
      paragraphs: [
        hello(d.name),
        'Your account was secured from a signed-in session. This is what was done:',
        [
          `- ${d.revokedSessions === 1 ? '1 other session was' : `${d.revokedSessions} other sessions were`} signed out.`,
          `- ${d.revokedApiKeys === 1 ? '1 API key was' : `${d.revokedApiKeys} API keys were`} revoked.`,
          '- Pending sign-in steps and every emailed link (password reset, email change, invitation, verification) were voided.',
          d.passwordChanged
            ? '- Your password was changed.'
            : '- Your current password no longer signs in: choose a new one in your settings or with "Forgot password".',
        ].join('\n'),
        ...(d.twoFactorEnabled ? [] : ['Turn on two-step verification in your settings, so a password alone no longer opens your account.']),
      ],
      action: { label: 'Open your settings', url: d.settingsUrl },
      footer: 'If you did not do this, reset your password now and review your sessions.',
    }, ctx),
  newDeviceSignIn: (d: {
    name: string; browser: string; os: string; ip: string; time: string; lookbackDays: number; settingsUrl: string; secureUrl: string;
  }, ctx: MailContext) =>
    render(`New sign-in from ${d.browser} on ${d.os}`, {
      paragraphs: [
        hello(d.name),
        `Your account was signed in to from a browser and network it has not used in the last ${d.lookbackDays} days.`,
        [`Browser: ${d.browser}`, `Operating system: ${d.os}`, `Address: ${d.ip}`, `Time: ${d.time}`].join('\n'),
        `If this was you, there is nothing to do. Review your sessions and recent activity at ${d.settingsUrl}`,
        'If it was not you, secure your account now: it signs out every other session, revokes your API keys and stops your password from signing in until you choose a new one.',
      ],
      action: { label: 'Secure my account', url: d.secureUrl },
      footer: 'You get this email once for each new browser and network.',
    }, ctx),
  phoneChanged: (d: { name: string; change: 'added' | 'changed' | 'removed'; phoneNumber: string; changedBy: string }, ctx: MailContext) =>
    render(d.change === 'removed' ? 'The phone number of your account was removed' : 'The phone number of your account was changed', {
      paragraphs: [hello(d.name), [
        d.change === 'removed' ? 'The phone number of your account was removed.' : `The phone number of your account is now the one ending in ${d.phoneNumber.slice(-2)}.`,
        d.changedBy ? ` The change was made by ${d.changedBy}.` : '',
      ].join('')],
    }, ctx),
  twoFactorRemovedByAdmin: (d: { name: string; removedBy: string; settingsUrl: string }, ctx: MailContext) =>
    render('Two-step verification was turned off for your account', {
      paragraphs: [
        hello(d.name),
        `${d.removedBy} removed every second factor of your account: authenticator apps, email codes, passkeys and backup codes. Your password alone now signs in.`,
        'Set up two-step verification again in your settings.',
      ],
      action: { label: 'Open your settings', url: d.settingsUrl },
      footer: 'If you did not ask for this, contact your administrator and change your password.',
    }, ctx),
  organizationInvitation: (d: {
    name: string; organizationName: string; invitedBy: string; role: string; url: string; validFor: string; hasAccount: boolean;
  }, ctx: MailContext) =>
    render(`${d.invitedBy} invited you to ${d.organizationName}`, {
      paragraphs: [
        hello(d.name),
        `${d.invitedBy} invited you to join ${d.organizationName} as ${d.role}.`,
        d.hasAccount
          ? 'You already have an account with this email address: sign in with it, then open the link to join.'
          : 'Open the link to choose a password for your new account and join.',
        `The link works once, for ${d.validFor}.`,
      ],
      action: { label: 'Accept the invitation', url: d.url },
      footer: 'If you did not expect this, ignore this email: nothing happens unless the link is used.',
    }, ctx),
  securityNotice: (d: { name: string; subject: string; message: string }, ctx: MailContext) =>
    render(d.subject, { paragraphs: [hello(d.name), d.message] }, ctx),
  signInCode: (d: { name: string; code: string; minutes: number }, ctx: MailContext) =>
    render('Your sign-in code', {
      paragraphs: [hello(d.name), `Your sign-in code is ${d.code}. It works once, for ${d.minutes} minutes.`],
      footer: `If you did not try to sign in, someone knows your password: change it now.`,
    }, ctx),
  confirmationCode: (d: { name: string; code: string; minutes: number }, ctx: MailContext) =>
    render('Your confirmation code', {
      paragraphs: [hello(d.name), `Your confirmation code is ${d.code}. It confirms a change to your account's security and works once, for ${d.minutes} minutes.`],
      footer: `If you did not ask for this code, someone may be using your session: sign out everywhere and change your password.`,
    }, ctx),
} as const;

/** The name of a template. */
export type TemplateName = keyof typeof templates;
