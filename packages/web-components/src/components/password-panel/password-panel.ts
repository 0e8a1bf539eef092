import { html } from 'lit';
import { field, formValues } from '../../internal/form.js';
import { LatchPanel } from '../../internal/panel.js';
import { StrengthController } from '../../internal/strength.js';
import { enAccount } from '../../locales/en.js';
import { accountStyles } from '../../styles/account.styles.js';
import { panelHostStyles, panelStyles } from '../../styles/panel.styles.js';
import { sharedStyles } from '../../styles/shared.styles.js';

/**
 * Changes the password (current, new with strength feedback from the server's policy, and
 * confirmation). Every other session is signed out by the server.
 *
 * @summary Password change.
 * @tagname latch-password-panel
 *
 * @fires {LatchErrorEvent} latch-error - A request failed (the panel already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The panel title.
 * @csspart form - The form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart strength - The password strength meter and reasons.
 * @csspart submit-button - The submit button.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchPasswordPanel extends LatchPanel {
  static override styles = [sharedStyles, panelStyles, accountStyles, panelHostStyles];

  private readonly strength = new StrengthController(this, () => this.client);

  protected override heading() {
    return this.t.passwordTitle;
  }

  protected override async load(): Promise<void> {
    await this.loadMe();
  }

  protected override fieldFor(code: string): string | undefined {
    if (code === 'invalid_credentials') return 'currentPassword';
    if (code === 'weak_password' || code === 'password_reused') return 'newPassword';
    return undefined;
  }

  protected override renderBody() {
    const t = this.t;
    return html`
      <form part="form" method="post" novalidate @submit=${this.onSubmit} @input=${this.onInput}>
        <input type="email" name="username" autocomplete="username" .value=${this.me?.user.email ?? ''} hidden>
        ${field({ id: 'currentPassword', type: 'password', label: t.currentPassword, autocomplete: 'current-password', error: this.errors.currentPassword })}
        ${field({ id: 'newPassword', type: 'password', label: t.newPassword, autocomplete: 'new-password', error: this.errors.newPassword })}
        ${this.strength.render(this.strings('account', enAccount))}
        ${field({ id: 'confirm', type: 'password', label: t.confirmPassword, autocomplete: 'new-password', error: this.errors.confirm })}
        <button class="primary" part="submit-button" type="submit">${t.changePassword}</button>
      </form>
    `;
  }

  private onInput(event: Event): void {
    const target = event.target as HTMLInputElement;
    if (target.id === 'newPassword') {
      this.strength.check(target.value, { email: this.me?.user.email, displayName: this.me?.user.displayName });
    }
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const v = formValues(form);
    const newPassword = v.newPassword ?? '';
    if (!this.validate({
      currentPassword: v.currentPassword ? undefined : this.common.passwordRequired,
      newPassword: newPassword ? undefined : this.common.passwordRequired,
      confirm: newPassword && v.confirm !== newPassword ? this.t.passwordsDiffer : undefined,
    })) return;
    await this.attempt(async () => {
      await this.client.post('/me/password', { currentPassword: v.currentPassword, newPassword });
      form.reset();
      this.strength.clear();
      this.done(this.t.passwordChanged);
    });
  }
}
