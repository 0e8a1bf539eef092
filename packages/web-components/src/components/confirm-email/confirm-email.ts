import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LatchEmailChangedEvent } from '../../events/email-changed.js';
import { alertRegion, tokenFromLocation } from '../../internal/form.js';
import { LatchAccountElement } from '../../internal/account-element.js';

/**
 * Confirms a login-email change with the token from the link sent to the new address (the `token`
 * attribute, else the page's `?token=`) as soon as it is connected.
 *
 * @summary Confirms a change of login email.
 * @tagname latch-confirm-email
 *
 * @slot heading - Replaces the heading.
 *
 * @fires {LatchEmailChangedEvent} latch-email-changed - The login email changed (`email` is the new address).
 * @fires {LatchErrorEvent} latch-error - The link was refused (the element already shows why).
 *
 * @csspart heading - The heading.
 * @csspart status - Progress and outcome.
 * @csspart error - The error live region.
 * @csspart links - The link to the account settings.
 *
 * @cssprop --latch-account-form-max-width - Widest the element gets (default 26rem).
 * @cssprop --latch-form-padding - Inner spacing of the card (default 1.5rem).
 */
export class LatchConfirmEmail extends LatchAccountElement {
  /** The token from the link; read from `?token=` when unset. */
  @property() token?: string;
  /** The settings page offered afterwards; empty hides the link. */
  @property({ attribute: 'settings-href' }) settingsHref = '/settings';

  @state() private newEmail = '';
  @state() private working = true;
  private started = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.started) return;
    this.started = true;
    void this.confirm();
  }

  private async confirm(): Promise<void> {
    await this.updateComplete;
    const token = this.token ?? tokenFromLocation();
    const t = this.t;
    try {
      if (!token) throw new Error('missing token');
      const { user } = await this.client.post('/me/email/confirm', { token });
      this.newEmail = user.email;
      this.dispatchEvent(new LatchEmailChangedEvent(user.email));
    } catch (error) {
      this.formError = token ? this.describe(error) : t.missingToken;
    }
    this.working = false;
  }

  protected override render() {
    const t = this.t;
    return html`
      <slot name="heading"><h2 part="heading">${t.confirmTitle}</h2></slot>
      ${this.working ? html`<p part="status" role="status">${t.confirming}</p>` : nothing}
      ${this.newEmail ? html`<p class="status" part="status" role="status">${t.confirmed(this.newEmail)}</p>` : alertRegion(this.formError)}
      ${!this.working && this.settingsHref ? html`<p class="links" part="links"><a href=${this.settingsHref}>${t.continue}</a></p>` : nothing}
    `;
  }
}
