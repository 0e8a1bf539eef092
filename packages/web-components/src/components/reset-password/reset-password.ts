import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { alertRegion, field, formValues, tokenFromLocation } from '../../internal/form.js';
import { LatchAccountElement } from '../../internal/account-element.js';
import { isProblem } from '../../internal/latch-element.js';
import { StrengthController } from '../../internal/strength.js';

/**
 * Sets a new password with the token from an emailed reset link (the `token` attribute, else the
 * page's `?token=`), with strength feedback from the server's policy. Every session of the account
 * is signed out; the element then offers the sign-in page.
 *
 * @summary Sets a new password from a reset link.
 * @tagname latch-reset-password
 *
 * @slot heading - Replaces the "Choose a new password" heading.
 *
 * @fires {LatchErrorEvent} latch-error - A request failed (the form already shows why).
 *
 * @csspart heading - The heading.
 * @csspart form - The form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The confirmation.
 * @csspart strength - The password strength meter and reasons.
 * @csspart submit-button - The submit button.
 * @csspart links - Links to sign-in or to ask for a new link.
 *
 * @cssprop --latch-account-form-max-width - Widest the form gets (default 26rem).
 * @cssprop --latch-form-padding - Inner spacing of the card (default 1.5rem).
 */
export class LatchResetPassword extends LatchAccountElement {
  /** The token from the link; read from `?token=` when unset. */
  @property() token?: string;
  /** The sign-in page offered afterwards. */
  @property({ attribute: 'sign-in-href' }) signInHref = '/sign-in';
  /** The forgot-password page offered when the link is bad. */
  @property({ attribute: 'forgot-password-href' }) forgotPasswordHref = '/forgot-password';

  @state() private done = false;
  @state() private badLink = false;

  private readonly strength = new StrengthController(this, () => this.client);

  private get theToken(): string {
    return this.token ?? tokenFromLocation();
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'weak_password' ? 'newPassword' : undefined;
  }

  protected override render() {
    const t = this.t;
    const heading = html`<slot name="heading"><h2 part="heading" tabindex="-1">${t.resetTitle}</h2></slot>`;
    if (this.done) {
      return html`${heading}<p class="status" part="status" role="status">${t.resetDone}</p>
        <p class="links" part="links"><a href=${this.signInHref}>${t.signIn}</a></p>`;
    }
    if (!this.theToken || this.badLink) {
      return html`${heading}${alertRegion(this.badLink ? this.formError : t.missingToken)}
        ${this.forgotPasswordHref ? html`<p class="links" part="links"><a href=${this.forgotPasswordHref}>${t.requestNewLink}</a></p>` : nothing}`;
    }
    return html`
      ${heading}
      <form part="form" method="post" novalidate @submit=${this.onSubmit} @input=${this.onInput}>
        ${alertRegion(this.formError)}
        ${field({ id: 'newPassword', type: 'password', label: t.newPassword, autocomplete: 'new-password', error: this.errors.newPassword })}
        ${this.strength.render(t)}
        ${field({ id: 'confirm', type: 'password', label: t.confirmPassword, autocomplete: 'new-password', error: this.errors.confirm })}
        <button class="primary wide" part="submit-button" type="submit">${t.resetSubmit}</button>
      </form>
    `;
  }

  private onInput(event: Event): void {
    const target = event.target as HTMLInputElement;
    if (target.id === 'newPassword') this.strength.check(target.value);
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = this.t;
    const v = formValues(event.currentTarget as HTMLFormElement);
    const newPassword = v.newPassword ?? '';
    if (!this.validate({
      newPassword: newPassword ? undefined : this.common.passwordRequired,
      confirm: newPassword && v.confirm !== newPassword ? t.passwordsDiffer : undefined,
    })) return;
    await this.attempt(async () => {
      try {
        await this.client.post('/password/reset', { token: this.theToken, newPassword });
      } catch (error) {
        if (isProblem(error, 'invalid_token')) this.badLink = true;
        throw error;
      }
      this.done = true;
      this.strength.clear();
      void this.focusAfterUpdate('h2');
    }, '#newPassword');
  }
}
