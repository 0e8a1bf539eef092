import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PublicConfig } from '../../api/types.js';
import { alertRegion, checkEmail, field, formValues, statusRegion } from '../../internal/form.js';
import { LatchAccountElement } from '../../internal/account-element.js';
import { TurnstileController } from '../../internal/turnstile.js';

/**
 * Asks for a password-reset link. The answer is the same whether or not the address has an
 * account, so the element never reveals who is registered.
 *
 * @summary Requests a password-reset email.
 * @tagname latch-forgot-password
 *
 * @slot heading - Replaces the "Reset your password" heading.
 *
 * @fires {LatchErrorEvent} latch-error - A request failed (the form already shows why).
 *
 * @csspart heading - The heading.
 * @csspart form - The form.
 * @csspart field - The email field group.
 * @csspart label - The email label.
 * @csspart input - The email input.
 * @csspart field-error - The error under the field.
 * @csspart error - The error live region.
 * @csspart status - The confirmation live region.
 * @csspart captcha - Where the Turnstile widget goes.
 * @csspart submit-button - The submit button.
 * @csspart links - The link back to sign-in.
 *
 * @cssprop --latch-account-form-max-width - Widest the form gets (default 26rem).
 * @cssprop --latch-form-padding - Inner spacing of the card (default 1.5rem).
 * @cssprop --latch-color-primary - Buttons, links and focus accents.
 */
export class LatchForgotPassword extends LatchAccountElement {
  /** The sign-in page; empty hides the link. */
  @property({ attribute: 'sign-in-href' }) signInHref = '/sign-in';

  @state() private config: PublicConfig | undefined;

  private readonly captcha = new TurnstileController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadConfig().then((c) => { this.config = c; }, () => {});
  }

  protected override updated(): void {
    void this.captcha.mount(this.renderRoot.querySelector('.captcha'), this.config?.turnstileSiteKey, this.locale);
  }

  protected override render() {
    const t = this.t;
    return html`
      <slot name="heading"><h2 part="heading">${t.forgotTitle}</h2></slot>
      <p>${t.forgotIntro}</p>
      <form part="form" method="post" novalidate @submit=${this.onSubmit}>
        ${alertRegion(this.formError)} ${statusRegion(this.statusText)}
        ${field({ id: 'email', type: 'email', label: this.common.email, autocomplete: 'username', error: this.errors.email })}
        <div class="captcha" part="captcha"></div>
        <button class="primary wide" part="submit-button" type="submit">${t.forgotSubmit}</button>
      </form>
      ${this.signInHref ? html`<p class="links" part="links"><a href=${this.signInHref}>${t.backToSignIn}</a></p>` : nothing}
    `;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const email = (formValues(event.currentTarget as HTMLFormElement).email ?? '').trim();
    if (!this.validate({ email: checkEmail(email, this.common) })) return;
    await this.attempt(async () => {
      try {
        await this.client.post('/password/forgot', { email, captchaToken: this.captcha.token || undefined });
      } finally {
        if (this.config?.turnstileSiteKey) this.captcha.reset();
      }
      this.statusText = this.t.forgotSent;
    }, '#email');
  }
}
