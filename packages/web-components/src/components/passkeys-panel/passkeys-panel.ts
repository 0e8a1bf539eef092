import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { PasskeyInfo } from '../../api/types.js';
import { field, formatTime, formValues } from '../../internal/form.js';
import { LatchPanel } from '../../internal/panel.js';
import { panelAvailable } from '../../internal/features.js';
import { createPasskey, passkeysSupported } from '../../internal/passkey.js';

/**
 * Passkeys of the account: add one (the browser's passkey prompt, after a password prompt when the
 * sign-in is not fresh), rename and remove.
 *
 * @summary Passkey management.
 * @tagname latch-passkeys-panel
 *
 * @fires {LatchErrorEvent} latch-error - A request failed (the panel already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The panel title.
 * @csspart list - The passkey list.
 * @csspart item - One passkey.
 * @csspart form - The add and rename forms.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart submit-button - Adds a passkey.
 * @csspart remove-button - Removes a passkey.
 * @csspart reauth-dialog - The password prompt.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchPasskeysPanel extends LatchPanel {
  @state() private items: PasskeyInfo[] = [];
  @state() private renaming: string | undefined;

  protected override heading() {
    return this.t.passkeysTitle;
  }

  protected override available = panelAvailable['passkeys'];

  protected override async load(): Promise<void> {
    this.items = (await this.client.get('/me/passkeys')).items;
  }

  protected override renderBody() {
    const t = this.t;
    const lang = this.locale;
    return html`
      <p>${t.passkeysIntro}</p>
      ${this.items.length
        ? html`<ul class="list" part="list">${this.items.map((p) => html`<li part="item" data-passkey=${p.id}>
            ${this.renaming === p.id
              ? html`<form part="form" class="row" novalidate @submit=${(e: SubmitEvent) => this.rename(e, p)}>
                  ${field({ id: 'rename', label: t.passkeyName, value: p.name, maxlength: 100, error: this.errors.rename })}
                  <button class="primary" type="submit">${t.save}</button>
                  <button type="button" @click=${() => { this.renaming = undefined; }}>${this.common.cancel}</button>
                </form>`
              : html`<div class="between">
                  <div><strong>${p.name}</strong>
                    <div class="small muted">${t.created}: ${formatTime(p.createdAt, lang)} · ${t.lastUsed}: ${p.lastUsedAt ? formatTime(p.lastUsedAt, lang) : t.never}</div></div>
                  <div class="row">
                    <button type="button" aria-label=${`${t.rename}: ${p.name}`} @click=${() => this.startRename(p)}>${t.rename}</button>
                    <button class="danger" part="remove-button" type="button" aria-label=${`${t.remove}: ${p.name}`} @click=${() => this.removePasskey(p)}>${t.remove}</button>
                  </div>
                </div>`}
          </li>`)}</ul>`
        : html`<p class="muted">${t.noPasskeys}</p>`}
      ${passkeysSupported()
        ? html`<form part="form" novalidate @submit=${this.add}>
            ${field({ id: 'name', label: t.passkeyName, optional: this.common.optional, maxlength: 100, error: this.errors.name, placeholder: t.defaultPasskeyName })}
            <button class="primary" part="submit-button" type="submit">${t.addPasskey}</button>
          </form>`
        : html`<p class="muted">${t.passkeysUnsupported}</p>`}
      ${nothing}
    `;
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = (formValues(form).name ?? '').trim() || this.t.defaultPasskeyName;
    await this.attempt(async () => {
      const options = await this.sensitive((proof) => this.client.post('/me/passkeys/options', proof));
      const response = await createPasskey(options);
      await this.client.post('/me/passkeys', { response, name });
      form.reset();
      await this.load();
      this.done(this.t.passkeyAdded);
    });
  }

  private startRename(passkey: PasskeyInfo): void {
    this.renaming = passkey.id;
    this.errors = {};
    void this.focusAfterUpdate('#rename');
  }

  private async rename(event: SubmitEvent, passkey: PasskeyInfo): Promise<void> {
    event.preventDefault();
    const name = (formValues(event.currentTarget as HTMLFormElement).rename ?? '').trim();
    if (!this.validate({ rename: name ? undefined : this.common.fieldRequired })) return;
    await this.attempt(async () => {
      await this.client.patch('/me/passkeys/{id}', { name }, { params: { id: passkey.id } });
      this.renaming = undefined;
      await this.load();
      this.done(this.t.saved);
    }, '#rename');
  }

  private removePasskey(passkey: PasskeyInfo): Promise<void> {
    return this.attempt(async () => {
      await this.sensitive((proof) => this.client.delete('/me/passkeys/{id}', { params: { id: passkey.id }, body: proof }));
      await this.load();
      this.done(this.t.passkeyRemoved);
      void this.focusAfterUpdate('h2');
    });
  }
}
