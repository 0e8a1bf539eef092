import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { SessionInfo } from '../../api/types.js';
import { formatTime } from '../../internal/form.js';
import { LatchPanel } from '../../internal/panel.js';

/**
 * The signed-in sessions: the current one marked, browser, operating system, IP address and last
 * activity; sign one out, or every session but this one (asking for the password again when the
 * sign-in is not recent).
 *
 * @summary Active sessions with revocation.
 * @tagname latch-sessions-panel
 *
 * @fires {LatchErrorEvent} latch-error - A request failed (the panel already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The panel title.
 * @csspart list - The session list.
 * @csspart item - One session.
 * @csspart current-badge - The "This device" badge.
 * @csspart revoke-button - Signs one session out.
 * @csspart revoke-others-button - Signs every other session out.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart reauth-dialog - The password prompt before signing every other session out.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchSessionsPanel extends LatchPanel {
  @state() private items: SessionInfo[] = [];

  protected override heading() {
    return this.t.sessionsTitle;
  }

  protected override async load(): Promise<void> {
    const page = await this.client.get('/me/sessions');
    this.items = [...page.items].sort((a, b) => Number(b.current) - Number(a.current));
  }

  protected override renderBody() {
    const t = this.t;
    const lang = this.locale;
    return html`
      <ul class="list" part="list">
        ${this.items.map((s) => html`<li part="item" class="between" data-session=${s.id}>
          <div>
            <strong>${s.browser && s.os ? t.deviceOf(s.browser, s.os) : s.browser ?? s.os ?? t.unknownDevice}</strong>
            ${s.current ? html` <span class="badge on" part="current-badge">${t.thisDevice}</span>` : nothing}
            <div class="small muted">${s.ip ?? ''}${s.ip ? ' · ' : ''}${t.lastActive}: ${formatTime(s.lastActiveAt ?? s.createdAt, lang)}</div>
          </div>
          ${s.current
            ? nothing
            : html`<button class="danger" part="revoke-button" type="button" @click=${() => this.revoke(s)}
                aria-label=${`${t.signOutSession}: ${s.browser ?? t.unknownDevice}, ${formatTime(s.lastActiveAt ?? s.createdAt, lang)}`}>${t.signOutSession}</button>`}
        </li>`)}
      </ul>
      ${this.items.length > 1
        ? html`<button part="revoke-others-button" type="button" @click=${this.revokeOthers}>${t.signOutOthers}</button>`
        : nothing}
    `;
  }

  private revoke(session: SessionInfo): Promise<void> {
    return this.attempt(async () => {
      await this.client.delete('/me/sessions/{id}', { params: { id: session.id } });
      await this.load();
      this.done(this.t.sessionRevoked);
      void this.focusAfterUpdate('h2');
    });
  }

  private revokeOthers(): Promise<void> {
    return this.attempt(async () => {
      await this.sensitive((proof) => this.client.delete('/me/sessions', { body: proof }));
      await this.load();
      this.done(this.t.othersRevoked);
      void this.focusAfterUpdate('h2');
    });
  }
}
