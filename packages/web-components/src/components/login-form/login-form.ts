import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PublicConfig, SecondFactorMethod, SignInResult, User } from '../../api/types.js';
import { LatchSignedInEvent } from '../../events/signed-in.js';
import { LatchTwoFactorRequiredEvent } from '../../events/two-factor-required.js';
import { alertRegion, checkEmail, field, formValues, navigateSameOrigin, redirectFromLocation, statusRegion } from '../../internal/form.js';
import { isProblem, LatchElement } from '../../internal/latch-element.js';
import { cancelPasskeyRequest, passkeyAutofillSupported, passkeysSupported, signInWithPasskey } from '../../internal/passkey.js';
import { TurnstileController } from '../../internal/turnstile.js';
import { enSignIn } from '../../locales/en.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { loginFormStyles } from './login-form.styles.js';

/** The order second-factor methods are offered in. */
const preference: SecondFactorMethod[] = ['totp', 'passkey', 'email', 'backup_code'];
const resendSeconds = 60;

/**
 * Sign-in with email and password, then the second step when the account has one (authenticator
 * app, email code with resend and countdown, backup code or passkey). Offers a passkey button and
 * passkey autofill in the email field, Cloudflare Turnstile when the server has a site key, and
 * links to sign-up and password reset.
 *
 * @summary Email and password sign-in with second factors and passkeys.
 * @tagname latch-login-form
 *
 * @slot heading - Replaces the "Sign in" heading.
 *
 * @fires {LatchSignedInEvent} latch-signed-in - The person is signed in; cancel it to stop `redirect`.
 * @fires {LatchTwoFactorRequiredEvent} latch-two-factor-required - The password was right; a second factor is asked for.
 * @fires {LatchErrorEvent} latch-error - A request failed (the form already shows why).
 *
 * @csspart heading - The step's heading.
 * @csspart form - Each step's form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - A text, email, password or code input.
 * @csspart field-error - The error under a field.
 * @csspart error - The form's error live region.
 * @csspart status - The form's status live region.
 * @csspart submit-button - The primary button of each step.
 * @csspart passkey-button - "Sign in with a passkey" and "Use passkey".
 * @csspart forgot-link - The link to the forgot-password page.
 * @csspart captcha - Where the Turnstile widget goes.
 * @csspart method-switch - The list of other second-factor methods.
 * @csspart resend-button - Sends a new email code.
 * @csspart links - Links to sign-up and password reset.
 *
 * @cssprop --latch-login-form-max-width - Widest the form gets (default 26rem).
 * @cssprop --latch-form-padding - Inner spacing of the card (default 1.5rem).
 * @cssprop --latch-color-outline - The card border and separators.
 * @cssprop --latch-color-primary - Buttons, links and focus accents.
 * @cssprop --latch-color-surface - Background.
 * @cssprop --latch-color-text - Text.
 * @cssprop --latch-color-danger - Errors.
 * @cssprop --latch-radius - Corner radius of controls.
 * @cssprop --latch-font-family - Font.
 */
export class LatchLoginForm extends LatchElement {
  static override styles = [sharedStyles, loginFormStyles];

  /**
   * Where to go after signing in (same origin only); stays on the page when unset. A same-origin
   * `?redirect=` in the page's address wins: pages that send someone to sign in first link with it.
   */
  @property() redirect?: string;
  /** The sign-up page; empty hides the link (it is also hidden when sign-up is invitation only). */
  @property({ attribute: 'sign-up-href' }) signUpHref = '/sign-up';
  /** The forgot-password page; empty hides the link. */
  @property({ attribute: 'forgot-password-href' }) forgotPasswordHref = '/forgot-password';
  /** Turns off offering passkeys in the email field's autofill (conditional mediation). */
  @property({ type: Boolean, attribute: 'no-passkey-autofill' }) noPasskeyAutofill = false;
  /** Prefills the email field. */
  @property() email = '';

  @state() private step: 'password' | 'second' | 'done' = 'password';
  @state() private methods: SecondFactorMethod[] = [];
  @state() private method: SecondFactorMethod = 'totp';
  @state() private config: PublicConfig | undefined;
  @state() private resendIn = 0;

  private countdown: ReturnType<typeof setInterval> | undefined;
  private typed: { email: string; password: string } | undefined;
  private readonly captcha = new TurnstileController(this);

  private get t() {
    return this.strings('signIn', enSignIn);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadConfig().then(
      (config) => {
        this.config = config;
        void this.offerPasskeyAutofill();
      },
      (error) => { this.formError = this.describe(error); },
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.countdown);
    if (this.config?.passkeys) cancelPasskeyRequest();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.step === 'password') {
      void this.captcha.mount(this.renderRoot.querySelector('.captcha'), this.config?.turnstileSiteKey, this.locale);
    }
  }

  private get passkeys(): boolean {
    return !!this.config?.passkeys && passkeysSupported();
  }

  /** Passkeys in the email field's autofill list (conditional mediation). */
  private async offerPasskeyAutofill(): Promise<void> {
    if (!this.passkeys || this.noPasskeyAutofill || !(await passkeyAutofillSupported())) return;
    await this.updateComplete;
    try {
      const result = await signInWithPasskey(this.client, true);
      if (result) await this.handleResult(result);
    } catch (error) {
      this.showError(error);
    }
  }

  protected override render() {
    const t = this.t;
    const s = this.common;
    if (this.step === 'done') {
      return html`<p class="status" part="status" role="status">${t.signedIn}</p>`;
    }
    if (this.step === 'second') return this.renderSecondStep();
    const signUp = this.signUpHref && this.config?.signUp !== 'invite-only';
    return html`
      <slot name="heading"><h2 part="heading">${t.title}</h2></slot>
      <form part="form" method="post" novalidate @submit=${this.onPasswordSubmit}>
        ${alertRegion(this.formError)}
        ${field({
          id: 'email', type: 'email', label: s.email, value: this.email || undefined, error: this.errors.email,
          autocomplete: this.config?.passkeys && !this.noPasskeyAutofill ? 'username webauthn' : 'username',
        })}
        ${field({ id: 'password', type: 'password', label: s.password, autocomplete: 'current-password', error: this.errors.password })}
        ${this.forgotPasswordHref ? html`<p class="forgot"><a part="forgot-link" href=${this.forgotPasswordHref}>${t.forgot}</a></p>` : nothing}
        <div class="captcha" part="captcha"></div>
        <button class="primary wide" part="submit-button" type="submit">${t.submit}</button>
      </form>
      ${this.passkeys
        ? html`<div class="or">${t.or}</div>
            <button class="wide" part="passkey-button" type="button" @click=${this.onPasskeyClick}>${t.passkey}</button>`
        : nothing}
      ${signUp
        ? html`<p class="links" part="links">${t.noAccount} <a href=${this.signUpHref}>${t.signUp}</a></p>`
        : nothing}
    `;
  }

  private renderSecondStep() {
    const t = this.t;
    const method = this.method;
    const others = preference.filter((m) => m !== method && this.methods.includes(m) && (m !== 'passkey' || passkeysSupported()));
    return html`
      <h2 part="heading">${t.twoFactorTitle}</h2>
      <form part="form" novalidate @submit=${this.onCodeSubmit}>
        ${alertRegion(this.formError)} ${statusRegion(this.statusText)}
        <p id="prompt">${t.prompt[method]}</p>
        ${method === 'passkey'
          ? html`<button class="primary wide" part="passkey-button submit-button" type="button" @click=${this.onPasskeyClick}>${t.usePasskey}</button>`
          : html`
            ${field({
              id: 'code', label: this.common.code, error: this.errors.code, autocomplete: 'one-time-code',
              inputmode: method === 'backup_code' ? 'text' : 'numeric', maxlength: 64,
            })}
            <button class="primary wide" part="submit-button" type="submit">${t.verify}</button>`}
        ${method === 'email'
          ? html`<p class="links"><button class="link" part="resend-button" type="button" aria-disabled=${this.resendIn > 0 ? 'true' : 'false'}
              @click=${this.sendEmailCode}>${this.resendIn > 0 ? t.resendIn(this.resendIn) : t.resend}</button></p>`
          : nothing}
      </form>
      ${others.length
        ? html`<div class="methods" part="method-switch" role="group" aria-labelledby="others">
            <p class="label" id="others">${t.otherMethods}</p>
            ${others.map((m) => html`<button class="link" type="button" data-method=${m} @click=${() => this.switchMethod(m)}>${t.switchTo[m]}</button>`)}
          </div>`
        : nothing}
      <p class="links"><button class="link" type="button" @click=${this.startOver}>${t.startOver}</button></p>
    `;
  }

  private async onPasswordSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    const email = (values.email ?? '').trim();
    const password = values.password ?? '';
    this.email = email;
    if (!this.validate({ email: checkEmail(email, this.common), password: password ? undefined : this.common.passwordRequired })) return;
    await this.attempt(async () => {
      try {
        const result = await this.client.post('/sign-in', { email, password, captchaToken: this.captcha.token || undefined });
        this.typed = { email, password };
        await this.handleResult(result);
      } finally {
        if (this.config?.turnstileSiteKey) this.captcha.reset();
      }
    }, '#password');
    if (this.formError && this.step === 'password') this.renderRoot.querySelector<HTMLInputElement>('#password')?.select();
  }

  private async onCodeSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const method = this.method;
    if (method === 'passkey') return;
    const code = (formValues(event.currentTarget as HTMLFormElement).code ?? '').replace(/\s+/g, '');
    if (!this.validate({ code: code ? undefined : this.common.codeRequired })) return;
    await this.attempt(async () => {
      await this.handleResult(await this.client.post('/sign-in/two-factor', { method, code }));
    }, '#code');
  }

  private onPasskeyClick(): Promise<void> {
    return this.attempt(async () => {
      const result = await signInWithPasskey(this.client, false);
      if (result) await this.handleResult(result);
    }, this.step === 'second' ? '[part~="passkey-button"]' : undefined);
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'invalid_code' ? 'code' : undefined;
  }

  protected override showError(error: unknown, focus?: string): void {
    if (isProblem(error, 'challenge_expired')) {
      this.startOver();
      focus = '#email';
    }
    // The account was secured and this password no longer signs in: the way on is a reset.
    if (isProblem(error, 'password_reset_required') && this.forgotPasswordHref) focus = '[part~="forgot-link"]';
    super.showError(error, focus);
  }

  private async handleResult(result: SignInResult): Promise<void> {
    if ('twoFactorRequired' in result) {
      this.methods = result.methods;
      this.step = 'second';
      this.errors = {};
      this.formError = undefined;
      this.dispatchEvent(new LatchTwoFactorRequiredEvent(result.methods));
      const first = preference.find((m) => result.methods.includes(m) && (m !== 'passkey' || passkeysSupported())) ?? result.methods[0]!;
      // Without an authenticator app the server has already emailed the code.
      if (first === 'email' && !result.methods.includes('totp')) this.codeSent();
      await this.switchMethod(first);
      return;
    }
    this.signedIn(result.user);
  }

  private signedIn(user: User): void {
    this.step = 'done';
    clearInterval(this.countdown);
    // Lets the browser's password manager offer to save what was typed into the shadow form.
    const Credential = (window as any).PasswordCredential;
    if (this.typed && Credential) {
      try { void navigator.credentials.store(new Credential({ id: this.typed.email, password: this.typed.password })).catch(() => {}); } catch { /* not offered */ }
    }
    this.typed = undefined;
    const event = new LatchSignedInEvent(user);
    this.dispatchEvent(event);
    const target = redirectFromLocation() ?? this.redirect;
    if (target && !event.defaultPrevented) navigateSameOrigin(target);
  }

  private async switchMethod(method: SecondFactorMethod): Promise<void> {
    this.method = method;
    this.errors = {};
    this.formError = undefined;
    if (method !== 'email') this.statusText = undefined;
    if (method === 'email' && this.resendIn === 0) await this.sendEmailCode();
    void this.focusAfterUpdate(method === 'passkey' ? '[part~="passkey-button"]' : '#code');
  }

  private async sendEmailCode(): Promise<void> {
    if (this.resendIn > 0) return;
    try {
      await this.client.post('/sign-in/two-factor/email', {});
      this.codeSent();
    } catch (error) {
      this.statusText = undefined;
      this.showError(error, '#code');
    }
  }

  /** Says a code is on its way and holds the resend button for a minute. */
  private codeSent(): void {
    this.statusText = this.t.codeSent;
    this.formError = undefined;
    this.resendIn = resendSeconds;
    clearInterval(this.countdown);
    this.countdown = setInterval(() => {
      this.resendIn = Math.max(0, this.resendIn - 1);
      if (this.resendIn === 0) clearInterval(this.countdown);
    }, 1000);
  }

  private startOver(): void {
    this.step = 'password';
    this.errors = {};
    this.formError = undefined;
    this.statusText = undefined;
    this.resendIn = 0;
    clearInterval(this.countdown);
    this.captcha.hostDisconnected();
    void this.focusAfterUpdate('#email');
  }
}
