import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Schema } from '../../api/operations.js';
import type { PublicConfig, TotpSetup } from '../../api/types.js';
import { downloadText, field, formValues } from '../../internal/form.js';
import { LatchPanel } from '../../internal/panel.js';
import { panelAvailable } from '../../internal/features.js';
import { panelHostStyles, panelStyles } from '../../styles/panel.styles.js';
import { sharedStyles } from '../../styles/shared.styles.js';

/** An answer that may carry a new set of backup codes (enabling a first factor, or a new set). */
type Backup = Pick<Schema<'FactorEnabled'>, 'backupCodes'>;

/**
 * Second factors: authenticator-app setup (QR code, the setup key for typing in, and a code to
 * verify before it is turned on), email codes, and backup codes, shown once with copy and download
 * and regenerated on request. Turning a factor off asks for a current code.
 *
 * @summary Authenticator app, email codes and backup codes.
 * @tagname latch-two-factor-panel
 *
 * @fires {LatchErrorEvent} latch-error - A request failed (the panel already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The panel title.
 * @csspart qr-code - The QR code image.
 * @csspart secret - The setup key.
 * @csspart backup-codes - The list of new backup codes.
 * @csspart form - Each form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - A code input.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart submit-button - Each form's main button.
 * @csspart reauth-dialog - The password prompt for sensitive changes.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchTwoFactorPanel extends LatchPanel {
  static override styles = [sharedStyles, panelStyles, panelHostStyles, css`
    .qr { display: block; width: 12rem; height: 12rem; max-width: 100%; background: #fff; padding: 0.5rem; border-radius: var(--_radius); }
    .codes { columns: 13rem 2; column-gap: var(--_space-l); padding-left: 2rem; font-size: 1.0625rem; }
    .codes li { white-space: nowrap; }
    .factor { border-top: 1px solid var(--_outline); padding-top: var(--_space-m); margin-top: var(--_space-m); }
    .factor h3 { margin: 0 0 0.25rem; display: flex; gap: var(--_space-s); align-items: center; flex-wrap: wrap; }
  `];

  @state() private config: PublicConfig | undefined;
  /** The authenticator being set up. */
  @state() private setup: TotpSetup | undefined;
  /** Backup codes to show once. */
  @state() private codes: string[] | undefined;
  /** Which factor is asking for a code before being turned off. */
  @state() private disabling: 'totp' | 'email' | undefined;

  protected override heading() {
    return this.t.twoFactorTitle;
  }

  protected override available = panelAvailable['two-factor'];

  protected override async load(): Promise<void> {
    const [config] = await Promise.all([this.loadConfig(), this.loadMe()]);
    this.config = config;
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'invalid_code' ? 'code' : undefined;
  }

  protected override renderBody() {
    const t = this.t;
    if (this.codes) return this.renderCodes();
    const f = this.me!.twoFactor;
    const email = this.config?.secondFactors.includes('email');
    const badge = (on: boolean) => html`<span class="badge ${on ? 'on' : ''}">${on ? t.on : t.off}</span>`;
    return html`
      ${f.setupRequired ? html`<p class="box" part="required-notice" role="alert">${t.twoFactorRequiredNotice}</p>` : nothing}
      <p>${t.twoFactorIntro}</p>
      <div class="factor" data-factor="totp">
        <h3>${t.authenticator} ${badge(f.totp)}</h3>
        <p class="hint">${t.authenticatorHint}</p>
        ${this.setup
          ? this.renderSetup(this.setup)
          : this.disabling === 'totp'
            ? this.renderDisable()
            : html`<button part="submit-button" class=${f.totp ? '' : 'primary'} type="button" @click=${f.totp ? () => this.askCode('totp') : this.startSetup}>
                ${f.totp ? t.turnOff : t.setUp}</button>`}
      </div>
      ${email
        ? html`<div class="factor" data-factor="email">
            <h3>${t.emailCodes} ${badge(f.email)}</h3>
            <p class="hint">${t.emailCodesHint}</p>
            ${this.disabling === 'email'
              ? this.renderDisable()
              : html`<button type="button" @click=${f.email ? () => this.askCode('email') : this.enableEmail}>${f.email ? t.turnOff : t.turnOn}</button>`}
          </div>`
        : nothing}
      ${f.totp || f.email || f.passkeys > 0 || f.backupCodesRemaining > 0
        ? html`<div class="factor" data-factor="backup">
            <h3>${t.backupCodes}</h3>
            <p class="hint">${t.backupRemaining(f.backupCodesRemaining)}</p>
            <button type="button" @click=${this.regenerate}>${t.regenerate}</button>
          </div>`
        : nothing}
    `;
  }

  private renderSetup(setup: TotpSetup) {
    const t = this.t;
    const grouped = setup.secret.match(/.{1,4}/g)?.join(' ') ?? setup.secret;
    return html`
      <p>${t.scan}</p>
      <img class="qr" part="qr-code" alt=${t.qrAlt} width="192" height="192"
        src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`}>
      <p class="label" id="secret-label">${t.setupKey}</p>
      <p class="row"><code part="secret" aria-labelledby="secret-label" data-secret=${setup.secret}>${grouped}</code>
        <button type="button" @click=${() => this.copy(setup.secret)}>${t.copy}</button></p>
      <form part="form" novalidate @submit=${this.enableTotp}>
        ${field({ id: 'code', label: t.verifyCode, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 10, error: this.errors.code })}
        <div class="row">
          <button class="primary" part="submit-button" type="submit">${t.turnOn}</button>
          <button type="button" @click=${this.cancel}>${this.common.cancel}</button>
        </div>
      </form>`;
  }

  private renderDisable() {
    return html`<form part="form" novalidate @submit=${this.disable}>
      ${field({ id: 'code', label: this.common.code, hint: this.t.disableCode, autocomplete: 'one-time-code', maxlength: 64, error: this.errors.code })}
      ${this.me!.twoFactor.email
        ? html`<p><button class="link" type="button" @click=${this.emailCode}>${this.t.emailMeCode}</button></p>`
        : nothing}
      <div class="row">
        <button class="danger" part="submit-button" type="submit">${this.t.turnOff}</button>
        <button type="button" @click=${this.cancel}>${this.common.cancel}</button>
      </div>
    </form>`;
  }

  private renderCodes() {
    const t = this.t;
    const codes = this.codes!;
    const text = codes.join('\n');
    return html`
      <h3 id="codes-title" tabindex="-1">${t.backupCodes}</h3>
      <p>${t.backupIntro}</p>
      <ol class="codes mono" part="backup-codes" aria-labelledby="codes-title">${codes.map((c) => html`<li>${c}</li>`)}</ol>
      <div class="row">
        <button type="button" @click=${() => this.copy(text)}>${t.copy}</button>
        <button type="button" @click=${() => downloadText('backup-codes.txt', `${text}\n`)}>${t.download}</button>
        <button class="primary" part="submit-button" type="button" @click=${this.closeCodes}>${t.savedCodes}</button>
      </div>`;
  }

  private showCodes(answer: Backup): void {
    if (answer.backupCodes?.length) {
      this.codes = answer.backupCodes;
      void this.focusAfterUpdate('#codes-title');
    }
  }

  private startSetup(): Promise<void> {
    return this.attempt(async () => {
      this.setup = await this.sensitive((proof) => this.client.post('/me/two-factor/totp/setup', proof));
      this.statusText = undefined;
      void this.focusAfterUpdate('#code');
    });
  }

  private async enableTotp(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const code = (formValues(event.currentTarget as HTMLFormElement).code ?? '').replace(/\s+/g, '');
    if (!this.validate({ code: code ? undefined : this.common.codeRequired })) return;
    await this.attempt(async () => {
      const answer = await this.client.post('/me/two-factor/totp/enable', { code });
      this.setup = undefined;
      await this.loadMe();
      this.done(this.t.totpOn);
      this.showCodes(answer);
      if (!this.codes) void this.focusAfterUpdate('h2');
    }, '#code');
  }

  private enableEmail(): Promise<void> {
    return this.attempt(async () => {
      const answer = await this.sensitive((proof) => this.client.post('/me/two-factor/email/enable', proof));
      await this.loadMe();
      this.done(this.t.emailOn);
      this.showCodes(answer);
    });
  }

  private askCode(factor: 'totp' | 'email'): void {
    this.disabling = factor;
    this.errors = {};
    this.formError = undefined;
    void this.focusAfterUpdate('#code');
  }

  private async disable(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const factor = this.disabling!;
    const code = (formValues(event.currentTarget as HTMLFormElement).code ?? '').replace(/\s+/g, '');
    if (!this.validate({ code: code ? undefined : this.common.codeRequired })) return;
    await this.attempt(async () => {
      await this.client.post(factor === 'totp' ? '/me/two-factor/totp/disable' : '/me/two-factor/email/disable', { code });
      this.disabling = undefined;
      await this.loadMe();
      this.done(factor === 'totp' ? this.t.totpOff : this.t.emailOff);
      void this.focusAfterUpdate('h2');
    }, '#code');
  }

  private emailCode(): Promise<void> {
    return this.attempt(async () => {
      await this.client.post('/me/two-factor/email/code', {});
      this.done(this.t.codeSent);
    }, '#code');
  }

  private regenerate(): Promise<void> {
    return this.attempt(async () => {
      this.showCodes(await this.sensitive((proof) => this.client.post('/me/two-factor/backup-codes', proof)));
      await this.loadMe();
    });
  }

  private cancel(): void {
    this.setup = undefined;
    this.disabling = undefined;
    this.errors = {};
    this.formError = undefined;
    void this.focusAfterUpdate('h2');
  }

  private closeCodes(): void {
    this.codes = undefined;
    void this.focusAfterUpdate('h2');
  }
}
