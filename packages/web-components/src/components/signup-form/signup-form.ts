import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PublicConfig } from '../../api/types.js';
import { LatchSignedUpEvent } from '../../events/signed-up.js';
import { alertRegion, checkEmail, field, formValues, statusRegion } from '../../internal/form.js';
import { LatchAccountElement } from '../../internal/account-element.js';
import { StrengthController } from '../../internal/strength.js';
import { TurnstileController } from '../../internal/turnstile.js';

/**
 * Registration: name, email and a new password with strength feedback from the server's own
 * policy as the person types, Turnstile when configured, then a "check your email" step with a
 * resend button. Shows a notice instead of the form when sign-up is invitation only.
 *
 * @summary Account registration with live password feedback.
 * @tagname latch-signup-form
 *
 * @slot heading - Replaces the "Create an account" heading.
 *
 * @fires {LatchSignedUpEvent} latch-signed-up - The account was registered; a verification link was emailed.
 * @fires {LatchErrorEvent} latch-error - A request failed (the form already shows why).
 *
 * @csspart heading - The heading.
 * @csspart form - The form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart strength - The password strength meter and reasons.
 * @csspart captcha - Where the Turnstile widget goes.
 * @csspart submit-button - The submit button.
 * @csspart resend-button - Sends the verification link again.
 * @csspart links - The link to sign-in.
 *
 * @cssprop --latch-account-form-max-width - Widest the form gets (default 26rem).
 * @cssprop --latch-form-padding - Inner spacing of the card (default 1.5rem).
 * @cssprop --latch-color-primary - Buttons, links and focus accents.
 * @cssprop --latch-color-danger - Errors and refused-password reasons.
 * @cssprop --latch-color-success - Accepted password and confirmations.
 */
export class LatchSignupForm extends LatchAccountElement {
  /** The sign-in page; empty hides the link. */
  @property({ attribute: 'sign-in-href' }) signInHref = '/sign-in';

  @state() private config: PublicConfig | undefined;
  @state() private sentTo = '';

  private readonly strength = new StrengthController(this, () => this.client);
  private readonly captcha = new TurnstileController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadConfig().then((c) => { this.config = c; }, (e) => { this.formError = this.describe(e); });
  }

  protected override updated(): void {
    if (!this.sentTo) void this.captcha.mount(this.renderRoot.querySelector('.captcha'), this.config?.turnstileSiteKey, this.locale);
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'weak_password' ? 'password' : undefined;
  }

  protected override render() {
    const t = this.t;
    const s = this.common;
    if (this.config?.signUp === 'invite-only') {
      return html`<slot name="heading"><h2 part="heading">${t.signUpTitle}</h2></slot><p>${t.signUpClosed}</p>`;
    }
    if (this.sentTo) {
      return html`
        <h2 part="heading" tabindex="-1">${t.checkEmailTitle}</h2>
        <p>${t.verificationSent(this.sentTo)}</p>
        ${alertRegion(this.formError)} ${statusRegion(this.statusText)}
        <button part="resend-button" type="button" @click=${this.resend}>${t.resendLink}</button>`;
    }
    return html`
      <slot name="heading"><h2 part="heading">${t.signUpTitle}</h2></slot>
      <form part="form" method="post" novalidate @submit=${this.onSubmit} @input=${this.onInput}>
        ${alertRegion(this.formError)}
        ${field({ id: 'displayName', label: s.displayName, autocomplete: 'name', optional: s.optional, error: this.errors.displayName, maxlength: 100 })}
        ${field({ id: 'email', type: 'email', label: s.email, autocomplete: 'username', error: this.errors.email })}
        ${field({
          id: 'password', type: 'password', label: s.password, autocomplete: 'new-password', error: this.errors.password,
          hint: t.passwordHint(this.config?.passwordPolicy.minLength ?? 8),
        })}
        ${this.strength.render(t)}
        <div class="captcha" part="captcha"></div>
        <button class="primary wide" part="submit-button" type="submit">${t.signUpSubmit}</button>
      </form>
      ${this.signInHref ? html`<p class="links" part="links">${t.haveAccount} <a href=${this.signInHref}>${t.signIn}</a></p>` : nothing}
    `;
  }

  private onInput(event: InputEvent): void {
    const form = event.currentTarget as HTMLFormElement;
    if ((event.target as HTMLInputElement).type !== 'password' && !this.strength.result) return;
    const v = formValues(form);
    this.strength.check(v.password ?? '', { email: v.email, displayName: v.displayName });
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const v = formValues(event.currentTarget as HTMLFormElement);
    const email = (v.email ?? '').trim();
    const password = v.password ?? '';
    if (!this.validate({ email: checkEmail(email, this.common), password: password ? undefined : this.common.passwordRequired })) return;
    await this.attempt(async () => {
      try {
        const displayName = (v.displayName ?? '').trim();
        await this.client.post('/sign-up', { email, password, ...(displayName ? { displayName } : {}), captchaToken: this.captcha.token || undefined });
      } finally {
        if (this.config?.turnstileSiteKey) this.captcha.reset();
      }
      this.sentTo = email;
      this.strength.clear();
      this.dispatchEvent(new LatchSignedUpEvent(email));
      void this.focusAfterUpdate('h2');
    });
  }

  private resend(): Promise<void> {
    return this.attempt(async () => {
      await this.client.post('/verify-email/resend', { email: this.sentTo });
      this.statusText = this.t.linkResent;
    });
  }
}
