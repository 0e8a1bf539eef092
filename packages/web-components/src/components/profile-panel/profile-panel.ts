import { html } from 'lit';
import { checkEmail, field, formValues } from '../../internal/form.js';
import { LatchPanel } from '../../internal/panel.js';

/**
 * The display name and the login email. Changing the login email sends a confirmation link to the
 * new address (and a notice to the old one); it asks for the password when the sign-in is not
 * fresh.
 *
 * @summary Display name and login-email change.
 * @tagname latch-profile-panel
 *
 * @fires {LatchErrorEvent} latch-error - A request failed (the panel already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The panel title.
 * @csspart form - Each form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart submit-button - Each form's button.
 * @csspart reauth-dialog - The password prompt for sensitive changes.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchProfilePanel extends LatchPanel {
  protected override heading() {
    return this.t.profileTitle;
  }

  protected override async load(): Promise<void> {
    await this.loadMe();
  }

  protected override renderBody() {
    const t = this.t;
    const user = this.me!.user;
    return html`
      <form part="form" novalidate @submit=${this.saveName}>
        ${field({ id: 'displayName', label: this.common.displayName, autocomplete: 'name', value: user.displayName, error: this.errors.displayName, maxlength: 100 })}
        <button part="submit-button" type="submit">${t.save}</button>
      </form>
      <h3>${t.loginEmail}</h3>
      <p><span class="mono" part="email">${user.email}</span>
        <span class="badge ${user.emailVerified ? 'on' : ''}">${user.emailVerified ? t.verified : t.notVerified}</span></p>
      <form part="form" novalidate @submit=${this.changeEmail}>
        ${field({ id: 'newEmail', type: 'email', label: t.newEmail, autocomplete: 'email', error: this.errors.newEmail })}
        <button part="submit-button" type="submit">${t.sendConfirmation}</button>
      </form>
    `;
  }

  private async saveName(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const displayName = (formValues(event.currentTarget as HTMLFormElement).displayName ?? '').trim();
    await this.attempt(async () => {
      const { user } = await this.client.patch('/me', { displayName });
      this.me = { ...this.me!, user };
      this.done(this.t.saved);
    }, '#displayName');
  }

  private async changeEmail(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const newEmail = (formValues(form).newEmail ?? '').trim();
    if (!this.validate({ newEmail: checkEmail(newEmail, this.common) })) return;
    await this.attempt(async () => {
      await this.sensitive((proof) => this.client.post('/me/email', { newEmail, ...proof }));
      form.reset();
      this.done(this.t.emailChangeSent(newEmail));
    }, '#newEmail');
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'email_taken' ? 'newEmail' : undefined;
  }
}
