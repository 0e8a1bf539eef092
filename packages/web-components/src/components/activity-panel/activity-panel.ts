import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ActivityEvent } from '../../api/types.js';
import { formatTime } from '../../internal/form.js';
import { LatchPanel } from '../../internal/panel.js';

/**
 * Recent security events of the account, newest first: sign-ins (including failed ones), second
 * factor, key, password and email changes, and session revocations.
 *
 * @summary Recent security activity.
 * @tagname latch-activity-panel
 *
 * @fires {LatchErrorEvent} latch-error - A request failed (the panel already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The panel title.
 * @csspart list - The event list.
 * @csspart item - One event.
 * @csspart more-button - Loads older events.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchActivityPanel extends LatchPanel {
  /** How many events to load at a time. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  @state() private items: ActivityEvent[] = [];
  @state() private cursor: string | null | undefined;

  protected override heading() {
    return this.t.activityTitle;
  }

  protected override async load(): Promise<void> {
    const page = await this.client.get('/me/activity', { query: { limit: this.pageSize } });
    this.items = page.items;
    this.cursor = page.nextCursor;
  }

  private label(type: string): string {
    return this.t.activity[type] ?? type.replace(/[._]/g, ' ').replace(/^./, (c) => c.toUpperCase());
  }

  protected override renderBody() {
    const t = this.t;
    return html`
      ${this.items.length
        ? html`<ul class="list" part="list">${this.items.map((e) => html`<li part="item" data-type=${e.type}>
            <strong>${this.label(e.type)}</strong>
            <div class="small muted">${formatTime(e.at, this.locale)}${e.ip ? ` · ${e.ip}` : ''}</div>
          </li>`)}</ul>`
        : html`<p class="muted">${t.noActivity}</p>`}
      ${this.cursor ? html`<button part="more-button" type="button" @click=${this.more}>${t.showMore}</button>` : nothing}
    `;
  }

  private more(): Promise<void> {
    return this.attempt(async () => {
      const page = await this.client.get('/me/activity', { query: { limit: this.pageSize, cursor: this.cursor! } });
      const first = this.items.length;
      this.items = [...this.items, ...page.items];
      this.cursor = page.nextCursor;
      await this.updateComplete;
      this.renderRoot.querySelectorAll<HTMLElement>('[part=item]')[first]?.setAttribute('tabindex', '-1');
      this.renderRoot.querySelectorAll<HTMLElement>('[part=item]')[first]?.focus();
    });
  }
}
