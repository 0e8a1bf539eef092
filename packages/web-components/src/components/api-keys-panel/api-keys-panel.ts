import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { ApiKeyInfo } from '../../api/types.js';
import { field, formatTime, formValues } from '../../internal/form.js';
import { LatchPanel } from '../../internal/panel.js';
import { panelAvailable } from '../../internal/features.js';

const expiryChoices = [30, 90, 365];

/**
 * API keys: create one with a name, scopes and an expiry (the secret is shown once, with a copy
 * button), list them with prefix, scopes, last use and use count, and revoke.
 *
 * @summary API key management.
 * @tagname latch-api-keys-panel
 *
 * @fires {LatchErrorEvent} latch-error - A request failed (the panel already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The panel title.
 * @csspart list - The key list.
 * @csspart item - One key.
 * @csspart secret - The new key's secret, shown once.
 * @csspart form - The create form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart submit-button - Creates a key.
 * @csspart revoke-button - Revokes a key.
 * @csspart reauth-dialog - The password prompt.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchApiKeysPanel extends LatchPanel {
  @state() private items: ApiKeyInfo[] = [];
  @state() private scopes: string[] = [];
  @state() private secret: string | undefined;

  protected override heading() {
    return this.t.apiKeysTitle;
  }

  protected override available = panelAvailable['api-keys'];

  protected override async load(): Promise<void> {
    const [page, config] = await Promise.all([this.client.get('/me/api-keys'), this.loadConfig()]);
    this.items = page.items;
    this.scopes = config.apiKeyScopes ?? ['read'];
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'invalid_scope' ? 'scopes' : undefined;
  }

  protected override renderBody() {
    const t = this.t;
    const lang = this.locale;
    return html`
      <p>${t.apiKeysIntro}</p>
      ${this.secret
        ? html`<div class="box stack" role="group" aria-labelledby="secret-intro">
            <p id="secret-intro" tabindex="-1"><strong>${t.secretIntro}</strong></p>
            <p><code part="secret">${this.secret}</code></p>
            <div class="row">
              <button class="primary" type="button" @click=${() => this.copy(this.secret!)}>${t.copy}</button>
              <button type="button" @click=${this.closeSecret}>${t.done}</button>
            </div>
          </div>`
        : nothing}
      ${this.items.length
        ? html`<ul class="list" part="list">${this.items.map((k) => html`<li part="item" class="between" data-key=${k.id}>
            <div>
              <strong>${k.name}</strong> <code class="small">${k.prefix}…</code>
              <div class="small muted">${t.scopes}: ${k.scopes.join(', ')}</div>
              <div class="small muted">${t.created}: ${formatTime(k.createdAt, lang)} · ${t.expires}: ${k.expiresAt ? formatTime(k.expiresAt, lang) : t.never}</div>
              <div class="small muted">${t.lastUsed}: ${k.lastUsedAt ? formatTime(k.lastUsedAt, lang) : t.never} · ${t.uses(k.usageCount ?? 0)}</div>
            </div>
            <button class="danger" part="revoke-button" type="button" aria-label=${`${t.revoke}: ${k.name}`} @click=${() => this.revoke(k)}>${t.revoke}</button>
          </li>`)}</ul>`
        : html`<p class="muted">${t.noKeys}</p>`}
      <form part="form" novalidate @submit=${this.create}>
        ${field({ id: 'name', label: t.keyName, maxlength: 100, error: this.errors.name })}
        <fieldset aria-describedby=${this.errors.scopes ? 'scopes-error' : nothing}>
          <legend>${t.scopes}</legend>
          ${this.scopes.map((scope, i) => html`<label class="check"><input type="checkbox" name="scopes" value=${scope} ?checked=${i === 0}> <code>${scope}</code></label>`)}
          ${this.errors.scopes ? html`<p class="field-error" part="field-error" id="scopes-error">${this.errors.scopes}</p>` : nothing}
        </fieldset>
        <div class="field" part="field">
          <label for="expiry" part="label">${t.expiry}</label>
          <select id="expiry" name="expiry" part="input">
            ${expiryChoices.map((d) => html`<option value=${d} ?selected=${d === 90}>${t.days(d)}</option>`)}
            <option value="">${t.noExpiry}</option>
          </select>
        </div>
        <button class="primary" part="submit-button" type="submit">${t.createKey}</button>
      </form>
    `;
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = (formValues(form).name ?? '').trim();
    const scopes = new FormData(form).getAll('scopes') as string[];
    const expiry = formValues(form).expiry;
    if (!this.validate({
      name: name ? undefined : this.common.fieldRequired,
      scopes: scopes.length ? undefined : this.t.chooseScope,
    })) return;
    await this.attempt(async () => {
      const body = { name, scopes, ...(expiry ? { expiresInDays: Number(expiry) } : {}) };
      const { secret } = await this.sensitive((proof) => this.client.post('/me/api-keys', { ...body, ...proof }));
      form.reset();
      await this.load();
      this.secret = secret;
      this.formError = undefined;
      void this.focusAfterUpdate('#secret-intro');
    }, '#name');
  }

  private closeSecret(): void {
    this.secret = undefined;
    void this.focusAfterUpdate('h2');
  }

  private revoke(key: ApiKeyInfo): Promise<void> {
    return this.attempt(async () => {
      await this.client.delete('/me/api-keys/{id}', { params: { id: key.id } });
      await this.load();
      this.done(this.t.keyRevoked);
      void this.focusAfterUpdate('h2');
    });
  }
}
