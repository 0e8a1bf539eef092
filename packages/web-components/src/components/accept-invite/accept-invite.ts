import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LatchProblem } from '../../api/client.js';
import type { InvitationResult } from '../../api/types.js';
import { LatchOrganizationChangeEvent } from '../../events/organization-change.js';
import { LatchSignedInEvent } from '../../events/signed-in.js';
import { alertRegion, field, formValues, navigateSameOrigin, signInReturningHere, tokenFromLocation } from '../../internal/form.js';
import { LatchAccountElement } from '../../internal/account-element.js';
import { isProblem } from '../../internal/latch-element.js';
import { StrengthController } from '../../internal/strength.js';

type Phase = 'checking' | 'form' | 'join' | 'sign-in-to-join' | 'mismatch' | 'done' | 'joined' | 'sign-in' | 'bad-link';

/**
 * Accepts an invitation with the token from its link. An invited person without an account
 * chooses a password (and optionally a name) and is signed in; for an organization's invitation
 * they join it too. An organization's invitation to an address that already has an account asks
 * that person to sign in (the link returns here with `?redirect=`), then joins with one button,
 * without a password. A person signed in with another address is told the invitation is not
 * theirs. Point `redirect` at the settings page so new accounts can add a second factor where
 * policy asks for one.
 *
 * @summary Activates an invited account, or joins an organization.
 * @tagname latch-accept-invite
 *
 * @slot heading - Replaces the heading.
 *
 * @fires {LatchSignedInEvent} latch-signed-in - A new account is active and signed in; cancel it to stop `redirect`.
 * @fires {LatchOrganizationChangeEvent} latch-organization-change - A signed-in account joined the organization, now the session's active one.
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
 * @csspart submit-button - The submit button (activate, or accept the invitation).
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
  /**
   * The sign-in page, offered when the invitation asks for a second factor or for an existing
   * account; the link carries this page as `?redirect=`, which `<latch-login-form>` follows.
   */
  @property({ attribute: 'sign-in-href' }) signInHref = '/sign-in';

  @state() private phase: Phase = 'checking';
  /** Who is signed in (`join`), or the invited address (`sign-in-to-join`), when known. */
  @state() private email: string | undefined;
  @state() private organizationName: string | undefined;

  private readonly strength = new StrengthController(this, () => this.client);

  private get theToken(): string {
    return this.token ?? tokenFromLocation();
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'weak_password' ? 'password' : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.theToken) void this.check();
  }

  /**
   * Finds out what the invitation needs without accepting anything: signed in, the person
   * decides with a button; signed out, a request without a password answers 401 for an existing
   * account (sign in first) and asks for a password otherwise.
   */
  private async check(): Promise<void> {
    try {
      const me = await this.client.me();
      if (me) {
        this.email = me.user.email;
        this.phase = 'join';
        return;
      }
      await this.client.post('/invitations/accept', { token: this.theToken });
      // A server that accepts without a password here signed nobody in: ask as for a new account.
      this.phase = 'form';
    } catch (error) {
      this.onProblem(error, 'form');
    }
  }

  /** Moves to the phase a problem calls for; anything else is shown in `fallback`. */
  private onProblem(error: unknown, fallback: Phase): void {
    if (isProblem(error, 'unauthenticated')) {
      const email = error.extensions.email;
      this.email = typeof email === 'string' ? email : undefined;
      this.phase = 'sign-in-to-join';
    } else if (isProblem(error, 'invitation_mismatch')) {
      this.phase = 'mismatch';
    } else if (isProblem(error, 'invalid_token')) {
      this.phase = 'bad-link';
      this.formError = this.describe(error);
    } else if ((isProblem(error, 'validation_failed') && error.errors.some((e) => e.field === 'password'))
      || (fallback === 'form' && (isProblem(error, 'validation_failed') || isProblem(error, 'weak_password')))) {
      // No account for the address (or an account invitation): it needs a password.
      this.phase = 'form';
    } else {
      this.phase = fallback;
      this.showError(error);
    }
  }

  protected override render() {
    const t = this.t;
    const s = this.common;
    const joining = this.phase === 'join' || this.phase === 'sign-in-to-join' || this.phase === 'mismatch' || this.phase === 'joined';
    const heading = html`<slot name="heading"><h2 part="heading" tabindex="-1">${joining ? t.joinTitle : t.inviteTitle}</h2></slot>`;
    const signInLink = html`<p class="links" part="links"><a href=${signInReturningHere(this.signInHref)}>${t.signIn}</a></p>`;
    if (!this.theToken) return html`${heading}${alertRegion(t.missingToken)}`;
    switch (this.phase) {
      case 'checking':
        return html`${heading}<p role="status">${t.checkingInvite}</p>`;
      case 'done':
        return html`${heading}<p class="status" part="status" role="status">${this.organizationName ? t.activatedJoined(this.organizationName) : t.activated}</p>`;
      case 'joined':
        return html`${heading}<p class="status" part="status" role="status">${t.joined(this.organizationName ?? '')}</p>
          ${this.redirect ? html`<p class="links" part="links"><a href=${this.redirect}>${t.continue}</a></p>` : nothing}`;
      case 'sign-in':
        return html`${heading}<p class="status" part="status" role="status">${t.signInToContinue}</p>
          <p class="links" part="links"><a href=${this.signInHref}>${t.signIn}</a></p>`;
      case 'bad-link':
        return html`${heading}${alertRegion(this.formError)}`;
      case 'sign-in-to-join':
        return html`${heading}<p part="status" role="status">${this.email ? t.signInToJoin(this.email) : t.signInToJoinAny}</p>${signInLink}`;
      case 'mismatch':
        return html`${heading}${alertRegion(t.invitationMismatch(this.email ?? ''))}${signInLink}`;
      case 'join':
        return html`${heading}
          <p>${t.signedInAs(this.email ?? '')}</p>
          <form part="form" method="post" novalidate @submit=${this.onJoin}>
            ${alertRegion(this.formError)}
            <button class="primary wide" part="submit-button" type="submit">${t.joinSubmit}</button>
          </form>`;
      default:
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
  }

  private onInput(event: Event): void {
    const form = event.currentTarget as HTMLFormElement;
    const v = formValues(form);
    if ((event.target as HTMLInputElement).id !== 'confirm') this.strength.check(v.password ?? '', { displayName: v.displayName });
  }

  /** A signed-in account accepts: no password, the session joins the organization. */
  private async onJoin(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    await this.attempt(async () => {
      let result: InvitationResult;
      try {
        result = await this.client.post('/invitations/accept', { token: this.theToken });
      } catch (error) {
        if (error instanceof LatchProblem) {
          this.onProblem(error, 'join');
          void this.focusAfterUpdate('h2');
          return;
        }
        throw error;
      }
      await this.finish(result);
    });
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
      let result: InvitationResult;
      try {
        result = await this.client.post('/invitations/accept', { token: this.theToken, password, ...(displayName ? { displayName } : {}) });
      } catch (error) {
        if (isProblem(error, 'invalid_token') || isProblem(error, 'unauthenticated') || isProblem(error, 'invitation_mismatch')) {
          this.onProblem(error, 'form');
          void this.focusAfterUpdate('h2');
          return;
        }
        throw error;
      }
      this.strength.clear();
      await this.finish(result, true);
    }, '#password');
  }

  private async finish(result: InvitationResult, newAccount = false): Promise<void> {
    if ('twoFactorRequired' in result) {
      this.phase = 'sign-in';
      return;
    }
    this.organizationName = result.organization?.name;
    void this.focusAfterUpdate('h2');
    if (!newAccount && result.organization) {
      // An existing session joined: it now works in the organization (GET /me names the role).
      this.phase = 'joined';
      const active = (await this.client.me().catch(() => null))?.activeOrganization;
      if (active) this.dispatchEvent(new LatchOrganizationChangeEvent(active));
      return;
    }
    this.phase = 'done';
    const signedIn = new LatchSignedInEvent(result.user);
    this.dispatchEvent(signedIn);
    if (this.redirect && !signedIn.defaultPrevented) navigateSameOrigin(this.redirect);
  }
}
