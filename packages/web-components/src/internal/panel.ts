import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LatchProblem } from '../api/client.js';
import type { Me, PublicConfig } from '../api/types.js';
import { enSettings } from '../locales/en.js';
import type { SettingsStrings } from '../locales/settings.js';
import { panelHostStyles, panelStyles } from '../styles/panel.styles.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { alertRegion, copyText, statusRegion } from './form.js';
import { isProblem, LatchElement } from './latch-element.js';
import { ReauthCancelled, ReauthController, type ReauthProof } from './reauth.js';

/**
 * Base class of the account-settings panels: a titled section that loads its data when connected,
 * shows a sign-in notice when nobody is signed in, and runs sensitive requests through the
 * reauthentication prompt.
 */
export class LatchPanel extends LatchElement {
  static override styles = [sharedStyles, panelStyles, panelHostStyles];

  /** The sign-in page, linked when nobody is signed in. */
  @property({ attribute: 'sign-in-href' }) signInHref = '/sign-in';

  /** `GET /me`, for panels that need it. */
  @state() protected me: Me | undefined;
  @state() protected signedOut = false;
  @state() protected loaded = false;

  /**
   * For a panel of a server feature: whether it works with this configuration. When it does not
   * (the feature is left out of the server), the panel hides itself and loads nothing.
   */
  protected available?(config: PublicConfig): boolean;

  protected readonly reauth = new ReauthController(this, () => this.me?.user.email ?? this.session?.me?.user.email);

  protected get t(): SettingsStrings {
    return this.strings('settings', enSettings);
  }

  protected override moreProblems(): Record<string, string> {
    return this.t.problems;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Loads the panel's data again. */
  async refresh(): Promise<void> {
    try {
      if (this.available && !this.available(await this.loadConfig())) {
        this.hidden = true;
        return;
      }
      await this.load();
      this.signedOut = false;
    } catch (error) {
      if (isProblem(error, 'unauthenticated')) this.signedOut = true;
      else this.formError = this.describe(error);
    }
    this.loaded = true;
  }

  /** Fetches what the panel shows; throws `unauthenticated` when nobody is signed in. */
  protected async load(): Promise<void> {}

  /** `GET /me` into {@link me}. */
  protected async loadMe(): Promise<Me> {
    const me = await this.client.me();
    if (!me) throw new LatchProblem({ status: 401, code: 'unauthenticated' });
    this.me = me;
    return me;
  }

  /** The panel's title. */
  protected heading(): string {
    return '';
  }

  /** The panel's content once loaded. */
  protected renderBody(): unknown {
    return null;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<section part="panel" aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${this.heading()}</h2>
      ${this.signedOut
        ? html`<p>${t.signedOut} <a href=${this.signInHref}>${t.signIn}</a></p>`
        : this.loaded
          ? html`${alertRegion(this.formError)} ${statusRegion(this.statusText)} ${this.renderBody()}`
          : html`<p role="status">${this.common.loading}</p>`}
      ${this.reauth.render(t, this.common)}
    </section>`;
  }

  /** Runs a request marked reauth in the contract through the password prompt. */
  protected sensitive<T>(request: (proof: ReauthProof) => Promise<T>): Promise<T> {
    return this.reauth.run(request, (error) => this.describe(error));
  }

  protected override showError(error: unknown, focus?: string): void {
    if (error instanceof ReauthCancelled) return;
    if (isProblem(error, 'unauthenticated')) this.signedOut = true;
    if (isProblem(error, 'not_found')) void this.refresh();
    super.showError(error, focus);
  }

  /** Reports success in the status live region. */
  protected done(text: string): void {
    this.formError = undefined;
    this.errors = {};
    this.statusText = text;
  }

  /** Copies text and says whether it worked. */
  protected async copy(text: string): Promise<void> {
    this.statusText = (await copyText(text)) ? this.t.copied : this.t.copyFailed;
  }
}
