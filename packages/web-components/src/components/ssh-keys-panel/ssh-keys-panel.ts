import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { SshKeyInfo } from '../../api/types.js';
import { field, formatTime, formValues } from '../../internal/form.js';
import { LatchPanel } from '../../internal/panel.js';
import { panelAvailable } from '../../internal/features.js';

/**
 * SSH public keys: paste one with a name (asking for the password again when the sign-in is not
 * recent), see its type and `SHA256:` fingerprint, delete it.
 *
 * @summary SSH public key management.
 * @tagname latch-ssh-keys-panel
 *
 * @fires {LatchErrorEvent} latch-error - A request failed (the panel already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The panel title.
 * @csspart list - The key list.
 * @csspart item - One key.
 * @csspart fingerprint - A key's fingerprint.
 * @csspart form - The add form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input or the key text area.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart submit-button - Adds the key.
 * @csspart delete-button - Deletes a key.
 * @csspart reauth-dialog - The password prompt.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchSshKeysPanel extends LatchPanel {
  @state() private items: SshKeyInfo[] = [];

  protected override heading() {
    return this.t.sshTitle;
  }

  protected override available = panelAvailable['ssh-keys'];

  protected override async load(): Promise<void> {
    this.items = (await this.client.get('/me/ssh-keys')).items;
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'invalid_ssh_key' || code === 'duplicate_key' ? 'publicKey' : undefined;
  }

  protected override renderBody() {
    const t = this.t;
    const lang = this.locale;
    return html`
      <p>${t.sshIntro}</p>
      ${this.items.length
        ? html`<ul class="list" part="list">${this.items.map((k) => html`<li part="item" class="between" data-key=${k.id}>
            <div>
              <strong>${k.name}</strong> <span class="badge">${k.type}</span>
              <div class="small"><span class="muted">${t.fingerprint}:</span> <code part="fingerprint">${k.fingerprint}</code></div>
              <div class="small muted">${k.comment ? `${k.comment} · ` : ''}${t.created}: ${formatTime(k.createdAt, lang)}</div>
            </div>
            <button class="danger" part="delete-button" type="button" aria-label=${`${t.remove}: ${k.name}`} @click=${() => this.removeKey(k)}>${t.remove}</button>
          </li>`)}</ul>`
        : html`<p class="muted">${t.noSshKeys}</p>`}
      <form part="form" novalidate @submit=${this.add}>
        ${field({ id: 'name', label: t.name, maxlength: 100, error: this.errors.name })}
        ${field({ id: 'publicKey', label: t.publicKey, hint: t.publicKeyHint, multiline: true, error: this.errors.publicKey, placeholder: 'ssh-ed25519 AAAA… you@laptop' })}
        <button class="primary" part="submit-button" type="submit">${t.addKey}</button>
      </form>
    `;
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const v = formValues(form);
    const publicKey = (v.publicKey ?? '').trim();
    const name = (v.name ?? '').trim();
    if (!this.validate({
      name: name ? undefined : this.common.fieldRequired,
      publicKey: publicKey ? undefined : this.common.fieldRequired,
    })) return;
    await this.attempt(async () => {
      await this.sensitive((proof) => this.client.post('/me/ssh-keys', { name, publicKey, ...proof }));
      form.reset();
      await this.load();
      this.done(this.t.keyAdded);
    }, '#publicKey');
  }

  private removeKey(key: SshKeyInfo): Promise<void> {
    return this.attempt(async () => {
      await this.client.delete('/me/ssh-keys/{id}', { params: { id: key.id } });
      await this.load();
      this.done(this.t.keyDeleted);
      void this.focusAfterUpdate('h2');
    });
  }
}
