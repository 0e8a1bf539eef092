import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LatchSignedInEvent } from '../../events/signed-in.js';
import { alertRegion, checkEmail, field, formValues, navigateSameOrigin, statusRegion, tokenFromLocation } from '../../internal/form.js';
import { LatchAccountElement } from '../../internal/account-element.js';

/**
 * Completes email verification with the token from the emailed link (the `token` attribute, else
 * the page's `?token=`) as soon as it is connected, which also signs the person in and says as
 * whom. When the browser is already signed in to another account, the server keeps that session:
 * the element says the address is verified and that the other account is still signed in, and
 * neither fires `latch-signed-in` nor follows `redirect`. When the link is bad it offers to send a
 * new one.
 *
 * @summary Completes email verification and signs in.
 * @tagname latch-verify-email
 *
 * @slot heading - Replaces the "Verify your email address" heading.
 *
 * @fires {LatchSignedInEvent} latch-signed-in - Verified and signed in (not when another account's session was kept); cancel it to stop `redirect`.
 * @fires {LatchErrorEvent} latch-error - A request failed (the element already shows why).
 *
 * @csspart heading - The heading.
 * @csspart status - Progress and outcome.
 * @csspart error - The error live region.
 * @csspart form - The form asking for a new link.
 * @csspart field - The email field group.
 * @csspart label - The email label.
 * @csspart input - The email input.
 * @csspart field-error - The error under the field.
 * @csspart submit-button - Sends a new link.
 * @csspart links - Links onwards.
 *
 * @cssprop --latch-account-form-max-width - Widest the element gets (default 26rem).
 * @cssprop --latch-form-padding - Inner spacing of the card (default 1.5rem).
 */
export class LatchVerifyEmail extends LatchAccountElement {
  /** The token from the link; read from `?token=` when unset. */
  @property() token?: string;
  /** Where to go once signed in (same origin only). */
  @property() redirect?: string;
  /** The sign-in page, offered when a second factor is still needed. */
  @property({ attribute: 'sign-in-href' }) signInHref = '/sign-in';

  @state() private phase: 'working' | 'verified' | 'kept' | 'sign-in' | 'failed' = 'working';
  /** The address now signed in, named in the status so the person sees whose account this is. */
  @state() private email = '';
  private started = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.started) return;
    this.started = true;
    void this.verify();
  }

  private async verify(): Promise<void> {
    await this.updateComplete;
    const token = this.token ?? tokenFromLocation();
    try {
      if (!token) throw new Error('missing token');
      const result = await this.client.post('/verify-email', { token });
      if ('twoFactorRequired' in result) {
        this.phase = 'sign-in';
        return;
      }
      // Another account is signed in here and stays so: announcing a sign-in would be false.
      if ('signedIn' in result && result.signedIn === false) {
        this.phase = 'kept';
        return;
      }
      this.email = result.user.email;
      this.phase = 'verified';
      const event = new LatchSignedInEvent(result.user);
      this.dispatchEvent(event);
      if (this.redirect && !event.defaultPrevented) navigateSameOrigin(this.redirect);
    } catch (error) {
      this.phase = 'failed';
      this.formError = token ? this.describe(error) : this.t.missingToken;
    }
  }

  protected override render() {
    const t = this.t;
    const heading = html`<slot name="heading"><h2 part="heading">${t.verifyTitle}</h2></slot>`;
    switch (this.phase) {
      case 'working':
        return html`${heading}<p part="status" role="status">${t.verifying}</p>`;
      case 'verified':
        return html`${heading}<p class="status" part="status" role="status">${t.verified(this.email)}</p>
          ${this.redirect ? html`<p class="links" part="links"><a href=${this.redirect}>${t.continue}</a></p>` : nothing}`;
      case 'kept':
        return html`${heading}<p class="status" part="status" role="status">${t.verifiedSessionKept}</p>`;
      case 'sign-in':
        return html`${heading}<p class="status" part="status" role="status">${t.signInToContinue}</p>
          <p class="links" part="links"><a href=${this.signInHref}>${t.signIn}</a></p>`;
      default:
        return html`${heading}
          <form part="form" method="post" novalidate @submit=${this.onResend}>
            ${alertRegion(this.formError)} ${statusRegion(this.statusText)}
            <p>${t.verifyFailedIntro}</p>
            ${field({ id: 'email', type: 'email', label: this.common.email, autocomplete: 'username', error: this.errors.email })}
            <button class="primary wide" part="submit-button" type="submit">${t.resendLink}</button>
          </form>`;
    }
  }

  private async onResend(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const email = (formValues(event.currentTarget as HTMLFormElement).email ?? '').trim();
    if (!this.validate({ email: checkEmail(email, this.common) })) return;
    await this.attempt(async () => {
      await this.client.post('/verify-email/resend', { email });
      this.statusText = this.t.linkResent;
    }, '#email');
  }
}
