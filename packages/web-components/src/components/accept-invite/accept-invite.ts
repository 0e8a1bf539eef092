import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SignInResult } from '../../api/types.js';
import { LatchSignedInEvent } from '../../events/signed-in.js';
import { alertRegion, field, formValues, navigateSameOrigin, tokenFromLocation } from '../../internal/form.js';
import { LatchAccountElement } from '../../internal/account-element.js';
import { isProblem } from '../../internal/latch-element.js';
import { StrengthController } from '../../internal/strength.js';

/**
 * An invited person chooses a password (and optionally a name) with the token from the invitation
 * link, and is signed in. Point `redirect` at the settings page so they can add a second factor
 * where policy asks for one.
 *
 * @summary Activates an invited account.
 * @tagname latch-accept-invite
 *
 * @slot heading - Replaces the heading.
 *
 * @fires {LatchSignedInEvent} latch-signed-in - The account is active and signed in; cancel it to stop `redirect`.
 * @fires {LatchErrorEvent} latch-error - A request failed (the form already shows why).
 *
 * @csspart heading - The heading.
 * @csspart form - The form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The outcome.
 * @csspart strength - The password strength meter and reasons.
 * @csspart submit-button - The submit button.
 * @csspart links - Links onwards.
 *
 * @cssprop --latch-account-form-max-width - Widest the form gets (default 26rem).
 * @cssprop --latch-form-padding - Inner spacing of the card (default 1.5rem).
 */
export class LatchAcceptInvite extends LatchAccountElement {
  /** The token from the link; read from `?token=` when unset. */
  @property() token?: string;
  /** Where to go once signed in (same origin only). */
  @property() redirect?: string;
  /** The sign-in page, offered when the invitation asks for a second factor or the link is bad. */
  @property({ attribute: 'sign-in-href' }) signInHref = '/sign-in';

  @state() private phase: 'form' | 'done' | 'sign-in' | 'bad-link' = 'form';

  private readonly strength = new StrengthController(this, () => this.client);

  private get theToken(): string {
    return this.token ?? tokenFromLocation();
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'weak_password' ? 'password' : undefined;
  }

  protected override render() {
    const t = this.t;
    const s = this.common;
    const heading = html`<slot name="heading"><h2 part="heading" tabindex="-1">${t.inviteTitle}</h2></slot>`;
    if (this.phase === 'done') return html`${heading}<p class="status" part="status" role="status">${t.activated}</p>`;
    if (this.phase === 'sign-in') {
      return html`${heading}<p class="status" part="status" role="status">${t.signInToContinue}</p>
        <p class="links" part="links"><a href=${this.signInHref}>${t.signIn}</a></p>`;
    }
    if (!this.theToken || this.phase === 'bad-link') {
      return html`${heading}${alertRegion(this.phase === 'bad-link' ? this.formError : t.missingToken)}`;
    }
    return html`
      ${heading}
      <p>${t.inviteIntro}</p>
      <form part="form" method="post" novalidate @submit=${this.onSubmit} @input=${this.onInput}>
        ${alertRegion(this.formError)}
        ${field({ id: 'displayName', label: s.displayName, autocomplete: 'name', optional: s.optional, error: this.errors.displayName, maxlength: 100 })}
        ${field({ id: 'password', type: 'password', label: t.newPassword, autocomplete: 'new-password', error: this.errors.password })}
        ${this.strength.render(t)}
        ${field({ id: 'confirm', type: 'password', label: t.confirmPassword, autocomplete: 'new-password', error: this.errors.confirm })}
        <button class="primary wide" part="submit-button" type="submit">${t.inviteSubmit}</button>
      </form>
    `;
  }

  private onInput(event: Event): void {
    const form = event.currentTarget as HTMLFormElement;
    const v = formValues(form);
    if ((event.target as HTMLInputElement).id !== 'confirm') this.strength.check(v.password ?? '', { displayName: v.displayName });
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = this.t;
    const v = formValues(event.currentTarget as HTMLFormElement);
    const password = v.password ?? '';
    if (!this.validate({
      password: password ? undefined : this.common.passwordRequired,
      confirm: password && v.confirm !== password ? t.passwordsDiffer : undefined,
    })) return;
    await this.attempt(async () => {
      const displayName = (v.displayName ?? '').trim();
      let result: SignInResult;
      try {
        result = await this.client.post('/invitations/accept', { token: this.theToken, password, ...(displayName ? { displayName } : {}) });
      } catch (error) {
        if (isProblem(error, 'invalid_token')) this.phase = 'bad-link';
        throw error;
      }
      this.strength.clear();
      if ('twoFactorRequired' in result) {
        this.phase = 'sign-in';
        return;
      }
      this.phase = 'done';
      const signedIn = new LatchSignedInEvent(result.user);
      this.dispatchEvent(signedIn);
      if (this.redirect && !signedIn.defaultPrevented) navigateSameOrigin(this.redirect);
      void this.focusAfterUpdate('h2');
    }, '#password');
  }
}
