import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LatchSignedOutEvent } from '../../events/signed-out.js';
import { navigateSameOrigin } from '../../internal/form.js';
import { LatchElement } from '../../internal/latch-element.js';
import { enSettings } from '../../locales/en.js';
import { panelStyles } from '../../styles/panel.styles.js';
import { sharedStyles } from '../../styles/shared.styles.js';

const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'];
const storageKey = 'latch:last-activity';
const signedOutKey = 'latch:signed-out';

/**
 * Signs the person out after a period without keyboard, pointer, touch or scroll activity (the
 * server's `idleTimeoutSeconds`, or `timeout-seconds`). A warning dialog opens `warning-seconds`
 * before that (one minute by default); "Stay signed in" dismisses it and keeps the server session
 * alive. Activity in other tabs of the same site counts too, and a sign-out in one tab is followed
 * by the others. It renders nothing until the warning is due.
 *
 * @summary Signs out after inactivity, with a warning first.
 * @tagname latch-idle-timeout
 *
 * @fires {LatchSignedOutEvent} latch-signed-out - Signed out for inactivity (`reason` is `idle`); cancel it to stop `redirect`.
 *
 * @csspart dialog - The warning dialog.
 * @csspart heading - The dialog's title.
 * @csspart stay-button - Dismisses the warning.
 * @csspart sign-out-button - Signs out at once.
 * @csspart status - The notice shown after the sign-out.
 */
export class LatchIdleTimeout extends LatchElement {
  static override styles = [sharedStyles, panelStyles, css`:host { display: contents; }`];

  /** Seconds of inactivity before signing out; defaults to the server's `idleTimeoutSeconds`. */
  @property({ type: Number, attribute: 'timeout-seconds' }) timeoutSeconds?: number;
  /** How long before the sign-out the warning opens. Default 60. */
  @property({ type: Number, attribute: 'warning-seconds' }) warningSeconds = 60;
  /** Where to go after the sign-out (same origin only), for example `/sign-in`. */
  @property() redirect?: string;

  @state() private remaining = 0;
  @state() private warning = false;
  @state() private signedOutNotice = false;

  private serverTimeout: number | undefined;
  private signedIn = false;
  private lastActivity = Date.now();
  private lastShared = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;

  private readonly onActivity = () => {
    if (this.warning) return;
    this.lastActivity = Date.now();
    if (this.lastActivity - this.lastShared > 5000) {
      this.lastShared = this.lastActivity;
      try { localStorage.setItem(storageKey, String(this.lastActivity)); } catch { /* storage off */ }
    }
  };

  private readonly onStorage = (event: StorageEvent) => {
    if (event.key === storageKey && event.newValue) {
      this.lastActivity = Math.max(this.lastActivity, Number(event.newValue) || 0);
      if (this.warning) this.tick();
    } else if (event.key === signedOutKey && this.signedIn) {
      this.finish();
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of activityEvents) document.addEventListener(type, this.onActivity, { capture: true, passive: true });
    window.addEventListener('storage', this.onStorage);
    this.lastActivity = Date.now();
    this.ticker = setInterval(() => this.tick(), 1000);
    this.loadConfig().then((c) => { this.serverTimeout = c.idleTimeoutSeconds; }, () => {});
    if (!this.session) this.client.me().then((me) => { this.signedIn = !!me; }, () => {});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of activityEvents) document.removeEventListener(type, this.onActivity, { capture: true });
    window.removeEventListener('storage', this.onStorage);
    clearInterval(this.ticker);
  }

  protected override willUpdate(): void {
    if (this.session && this.session.status !== 'loading') {
      const now = this.session.status === 'signed-in';
      if (now && !this.signedIn) this.lastActivity = Date.now();
      this.signedIn = now;
    }
  }

  private get timeout(): number | undefined {
    return this.timeoutSeconds ?? this.serverTimeout;
  }

  private tick(): void {
    const timeout = this.timeout;
    if (!this.signedIn || !timeout) return;
    const left = timeout - (Date.now() - this.lastActivity) / 1000;
    if (left <= 0) {
      void this.signOut();
    } else if (left <= this.warningSeconds) {
      this.remaining = Math.ceil(left);
      if (!this.warning) this.openWarning();
    } else if (this.warning) {
      this.closeWarning();
    }
  }

  private async openWarning(): Promise<void> {
    this.warning = true;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('[part=stay-button]')?.focus();
  }

  private closeWarning(): void {
    this.warning = false;
    this.renderRoot.querySelector('dialog')?.close();
  }

  /** Dismisses the warning and keeps the session alive (the request counts as activity on the server). */
  stay(): void {
    this.closeWarning();
    this.lastShared = 0;
    this.onActivity();
    void this.client.me().catch(() => {});
  }

  /** Signs out now. */
  async signOut(): Promise<void> {
    if (!this.signedIn) return;
    this.signedIn = false;
    try { await this.client.post('/sign-out', {}); } catch { /* the cookie may already be gone */ }
    try { localStorage.setItem(signedOutKey, String(Date.now())); } catch { /* storage off */ }
    this.finish();
  }

  private finish(): void {
    this.signedIn = false;
    this.closeWarning();
    this.signedOutNotice = true;
    const event = new LatchSignedOutEvent('idle');
    this.dispatchEvent(event);
    if (this.redirect && !event.defaultPrevented) navigateSameOrigin(this.redirect);
  }

  protected override render() {
    const t = this.strings('settings', enSettings);
    return html`
      <dialog part="dialog" aria-labelledby="idle-title" aria-describedby="idle-body" @cancel=${(e: Event) => { e.preventDefault(); this.stay(); }}>
        <h2 id="idle-title" part="heading">${t.idleTitle}</h2>
        <p id="idle-body">${t.idleBody(this.remaining)}</p>
        <div class="row">
          <button class="primary" part="stay-button" type="button" @click=${this.stay}>${t.staySignedIn}</button>
          <button part="sign-out-button" type="button" @click=${this.signOut}>${t.signOutNow}</button>
        </div>
      </dialog>
      ${this.signedOutNotice ? html`<p class="status" part="status" role="status">${t.idleSignedOut}</p>` : nothing}
    `;
  }
}
