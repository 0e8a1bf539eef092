import { css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PublicConfig } from '../../api/types.js';
import { panelAvailable } from '../../internal/features.js';
import { LatchElement } from '../../internal/latch-element.js';
import { sharedStyles } from '../../styles/shared.styles.js';

/** Every panel, in the order shown. */
export const securityPanels = ['profile', 'password', 'two-factor', 'passkeys', 'sessions', 'api-keys', 'ssh-keys', 'activity', 'secure-account'] as const;

/** One panel of {@link LatchSecuritySettings}. */
export type SecurityPanel = (typeof securityPanels)[number];

const forwarded = 'panel,heading,form,field,label,input,field-error,error,status,submit-button,list,item,secret,qr-code,backup-codes,fingerprint,reauth-dialog,start-button,confirmation,result,password-link,two-factor-link';

/**
 * The account's security settings in one element: profile and login email, password, two-step
 * verification, passkeys, sessions, API keys, SSH keys, recent activity and, set apart at the end,
 * "Secure my account". Each panel is also an
 * element of its own (`<latch-sessions-panel>` and so on) for pages that want only some of them.
 * The panels' parts are forwarded, so `latch-security-settings::part(input)` styles every input.
 * Panels of features the server leaves out (`GET /config` `features`, for example no SSH keys)
 * are not shown.
 *
 * @summary Every account-security panel in one element.
 * @tagname latch-security-settings
 * @dependency latch-profile-panel
 * @dependency latch-password-panel
 * @dependency latch-two-factor-panel
 * @dependency latch-passkeys-panel
 * @dependency latch-sessions-panel
 * @dependency latch-api-keys-panel
 * @dependency latch-ssh-keys-panel
 * @dependency latch-activity-panel
 * @dependency latch-secure-account-panel
 *
 * @fires {LatchErrorEvent} latch-error - A request of a panel failed (the panel already shows why).
 *
 * @csspart panels - The column of panels.
 * @csspart panel - Each panel's section (forwarded).
 * @csspart heading - Each panel's title (forwarded).
 * @csspart input - Every input (forwarded; so are form, field, label, field-error, error, status, submit-button, list, item, secret, qr-code, backup-codes, fingerprint, reauth-dialog, start-button, confirmation, result, password-link, two-factor-link).
 *
 * @cssprop --latch-settings-gap - Space between panels (default 1.5rem).
 * @cssprop --latch-settings-max-width - Widest the column gets (default 44rem).
 * @cssprop --latch-panel-padding - Inner spacing of each panel card.
 */
export class LatchSecuritySettings extends LatchElement {
  static override styles = [sharedStyles, css`
    :host { max-width: var(--latch-settings-max-width, 44rem); }
    .panels { display: grid; gap: var(--latch-settings-gap, 1.5rem); }
  `];

  /** Which panels to show, space separated (default all: profile password two-factor passkeys sessions api-keys ssh-keys activity secure-account). */
  @property() panels: string = securityPanels.join(' ');
  /** The sign-in page, linked when nobody is signed in. */
  @property({ attribute: 'sign-in-href' }) signInHref = '/sign-in';

  @state() private config: PublicConfig | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadConfig().then((c) => { this.config = c; }, () => {});
    this.addEventListener('latch-account-secured', this.onAccountSecured);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('latch-account-secured', this.onAccountSecured);
  }

  /** Brings the panel named by the page's `#fragment` (for example `/settings#two-factor`) into view. */
  protected override async firstUpdated(): Promise<void> {
    const id = location.hash.slice(1);
    if (id) await this.reveal(id);
  }

  /** Scrolls a panel into view and moves focus to its title; false when no such panel is shown. */
  private async reveal(id: string): Promise<boolean> {
    const panel = this.renderRoot.querySelector<LatchElement>(`#${CSS.escape(id)}`);
    if (!panel) return false;
    await panel.updateComplete;
    panel.scrollIntoView();
    panel.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    return true;
  }

  /** A panel's `#panel` link (such as "set up two-step verification") brings that panel into view, even when the address already ends with it. */
  private onPanelLink = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    const id = link?.getAttribute('href')?.match(/^#([\w-]+)$/)?.[1];
    if (!id || !this.renderRoot.querySelector(`#${CSS.escape(id)}`)) return;
    event.preventDefault();
    history.replaceState(history.state, '', `#${id}`);
    void this.reveal(id);
  };

  /** Securing the account signed out sessions and revoked keys: the panels that list them reload. */
  private onAccountSecured = (): void => {
    for (const id of ['sessions', 'api-keys', 'activity']) {
      void this.renderRoot.querySelector<LatchElement & { refresh?: () => Promise<void> }>(`#${id}`)?.refresh?.();
    }
  };

  /**
   * Whether a panel works on this server. Until the configuration is known every panel is shown
   * (most servers have every feature); a feature panel hides itself meanwhile if it has to.
   */
  private works(panel: SecurityPanel): boolean {
    const check = panelAvailable[panel as keyof typeof panelAvailable];
    return !this.config || !check || check(this.config);
  }

  protected override render() {
    const wanted = this.panels.split(/\s+/).filter((p): p is SecurityPanel => (securityPanels as readonly string[]).includes(p) && this.works(p as SecurityPanel));
    const base = ifDefined(this.baseUrl);
    const href = this.signInHref;
    return html`<div class="panels" part="panels" @click=${this.onPanelLink}>${wanted.map((panel) => {
      switch (panel) {
        case 'profile': return html`<latch-profile-panel id="profile" base-url=${base} sign-in-href=${href} exportparts=${forwarded}></latch-profile-panel>`;
        case 'password': return html`<latch-password-panel id="password" base-url=${base} sign-in-href=${href} exportparts=${forwarded}></latch-password-panel>`;
        case 'two-factor': return html`<latch-two-factor-panel id="two-factor" base-url=${base} sign-in-href=${href} exportparts=${forwarded}></latch-two-factor-panel>`;
        case 'passkeys': return html`<latch-passkeys-panel id="passkeys" base-url=${base} sign-in-href=${href} exportparts=${forwarded}></latch-passkeys-panel>`;
        case 'sessions': return html`<latch-sessions-panel id="sessions" base-url=${base} sign-in-href=${href} exportparts=${forwarded}></latch-sessions-panel>`;
        case 'api-keys': return html`<latch-api-keys-panel id="api-keys" base-url=${base} sign-in-href=${href} exportparts=${forwarded}></latch-api-keys-panel>`;
        case 'ssh-keys': return html`<latch-ssh-keys-panel id="ssh-keys" base-url=${base} sign-in-href=${href} exportparts=${forwarded}></latch-ssh-keys-panel>`;
        case 'secure-account': return html`<latch-secure-account-panel id="secure-account" base-url=${base} sign-in-href=${href} exportparts=${forwarded}></latch-secure-account-panel>`;
        default: return html`<latch-activity-panel id="activity" base-url=${base} sign-in-href=${href} exportparts=${forwarded}></latch-activity-panel>`;
      }
    })}</div>`;
  }
}
