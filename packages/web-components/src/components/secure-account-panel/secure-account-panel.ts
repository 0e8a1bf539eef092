import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SecuredAccount } from '../../api/types.js';
import { LatchAccountSecuredEvent } from '../../events/account-secured.js';
import { field, formValues } from '../../internal/form.js';
import { LatchPanel } from '../../internal/panel.js';
import { StrengthController } from '../../internal/strength.js';
import { enAccount } from '../../locales/en.js';
import { accountStyles } from '../../styles/account.styles.js';
import { panelHostStyles, panelStyles } from '../../styles/panel.styles.js';
import { sharedStyles } from '../../styles/shared.styles.js';

/**
 * "Secure my account", for someone who fears another person got in: a confirmation that states
 * exactly what will happen (every other session signed out, every API key revoked, pending
 * sign-ins and emailed links voided, and the current password stopped unless a new one is chosen
 * here), then the password prompt when the sign-in is not recent, then what was done, with a
 * way to set up two-step verification when the account has none.
 *
 * @summary Secures the account after a suspected break-in.
 * @tagname latch-secure-account-panel
 *
 * @fires {LatchAccountSecuredEvent} latch-account-secured - The account was secured (`result` says what was done).
 * @fires {LatchErrorEvent} latch-error - A request failed (the panel already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The panel title.
 * @csspart start-button - Opens the confirmation.
 * @csspart confirmation - What will happen, with the optional new password.
 * @csspart form - The confirmation form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart field-error - The error under a field.
 * @csspart strength - The password strength meter and reasons.
 * @csspart submit-button - Secures the account.
 * @csspart result - What was done.
 * @csspart password-link - Leads to the password panel when the password must be changed.
 * @csspart two-factor-link - Leads to the two-factor panel when no second factor is on.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart reauth-dialog - The password prompt.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchSecureAccountPanel extends LatchPanel {
  static override styles = [sharedStyles, panelStyles, accountStyles, panelHostStyles, css`
    :host { border-inline-start: 4px solid var(--_danger); }
    ul.will { margin: 0 0 var(--_space-m); padding-inline-start: 1.25rem; }
    ul.will > li + li { margin-top: 0.25rem; }
    a.button {
      display: inline-flex; align-items: center; min-height: 2.75rem; padding: 0.375rem 1rem;
      border-radius: var(--_radius); background: var(--_primary); color: var(--_on-primary); font-weight: 600; text-decoration: none;
    }
  `];

  /** Where "set up two-step verification" leads (inside `<latch-security-settings>`: its two-factor panel). */
  @property({ attribute: 'two-factor-href' }) twoFactorHref = '#two-factor';
  /** Where "change your password" leads (inside `<latch-security-settings>`: its password panel). */
  @property({ attribute: 'password-href' }) passwordHref = '#password';

  @state() private step: 'start' | 'confirm' | 'done' = 'start';
  @state() private result: SecuredAccount | undefined;

  private readonly strength = new StrengthController(this, () => this.client);

  protected override heading() {
    return this.t.secureTitle;
  }

  protected override async load(): Promise<void> {
    await this.loadMe();
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'weak_password' || code === 'password_reused' ? 'newPassword' : undefined;
  }

  protected override renderBody() {
    const t = this.t;
    if (this.step === 'done' && this.result) return this.renderResult(this.result);
    if (this.step === 'confirm') {
      return html`<form part="form confirmation" class="box" method="post" novalidate aria-labelledby="will-title"
          @submit=${this.onSubmit} @input=${this.onInput}>
        <h3 id="will-title" class="flush" tabindex="-1">${t.secureWillTitle}</h3>
        <ul class="will">
          <li>${t.secureWillSessions}</li>
          <li>${t.secureWillKeys}</li>
          <li>${t.secureWillLinks}</li>
          <li>${t.secureWillPassword}</li>
          <li>${t.secureWillNotice}</li>
        </ul>
        <input type="email" name="username" autocomplete="username" .value=${this.me?.user.email ?? ''} hidden>
        ${field({
          id: 'newPassword', type: 'password', label: t.newPassword, optional: this.common.optional, hint: t.secureNewPasswordHint,
          autocomplete: 'new-password', error: this.errors.newPassword,
        })}
        ${this.strength.render(this.strings('account', enAccount))}
        ${field({ id: 'confirm', type: 'password', label: t.confirmPassword, autocomplete: 'new-password', error: this.errors.confirm })}
        <div class="row">
          <button class="primary" part="submit-button" type="submit">${t.secureConfirm}</button>
          <button type="button" @click=${this.cancel}>${this.common.cancel}</button>
        </div>
      </form>`;
    }
    return html`
      <p>${t.secureIntro}</p>
      <button class="danger" part="start-button" type="button" @click=${this.start}>${t.secureStart}</button>
    `;
  }

  private renderResult(r: SecuredAccount) {
    const t = this.t;
    return html`<div part="result" class="stack">
      <h3 id="result-title" class="flush" tabindex="-1">${t.securedTitle}</h3>
      <ul class="will">
        <li>${t.securedSessions(r.revokedSessions)}</li>
        <li>${t.securedKeys(r.revokedApiKeys)}</li>
        <li>${t.securedLinks}</li>
        <li>${r.passwordChanged ? t.securedPasswordChanged : t.securedPasswordRequired}</li>
      </ul>
      ${r.next.includes('change_password')
        ? html`<p><a part="password-link" href=${this.passwordHref}>${t.changePasswordNow}</a></p>`
        : nothing}
      ${r.next.includes('set_up_two_factor')
        ? html`<div class="box" role="group" aria-labelledby="two-factor-next">
            <p id="two-factor-next">${t.securedSetUpTwoFactor}</p>
            <a class="button primary" part="two-factor-link" href=${this.twoFactorHref}>${t.setUpTwoFactorNow}</a>
          </div>`
        : nothing}
      ${r.next.includes('review_second_factors') ? html`<p>${t.securedReviewFactors}</p>` : nothing}
    </div>`;
  }

  private start(): void {
    this.step = 'confirm';
    this.statusText = undefined;
    void this.focusAfterUpdate('#will-title');
  }

  private cancel(): void {
    this.step = 'start';
    this.errors = {};
    this.formError = undefined;
    this.strength.clear();
    void this.focusAfterUpdate('[part~="start-button"]');
  }

  private onInput(event: Event): void {
    const target = event.target as HTMLInputElement;
    if (target.id === 'newPassword') {
      this.strength.check(target.value, { email: this.me?.user.email, displayName: this.me?.user.displayName });
    }
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const v = formValues(event.currentTarget as HTMLFormElement);
    const newPassword = v.newPassword ?? '';
    if (!this.validate({ confirm: newPassword && v.confirm !== newPassword ? this.t.passwordsDiffer : undefined })) return;
    await this.attempt(async () => {
      const result = await this.sensitive((proof) => this.client.post('/me/secure-account', { ...proof, ...(newPassword ? { newPassword } : {}) }));
      this.result = result;
      this.step = 'done';
      this.strength.clear();
      this.done(this.t.securedStatus);
      this.dispatchEvent(new LatchAccountSecuredEvent(result));
      void this.focusAfterUpdate('#result-title');
    });
  }
}
