import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OrganizationChoice } from '../../api/types.js';
import { LatchOrganizationChangeEvent } from '../../events/organization-change.js';
import { enOrganizations } from '../../locales/en.js';
import type { OrganizationStrings } from '../../locales/organizations.js';
import { alertRegion } from '../../internal/form.js';
import { isProblem, LatchElement } from '../../internal/latch-element.js';
import { organizationsAvailable, roleLabel } from '../../internal/organizations.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { switcherStyles } from '../../styles/organization.styles.js';

/**
 * A compact organization picker for a page header: a button naming the session's active
 * organization opens the list of the signed-in person's organizations (`GET /orgs`, with their
 * role in each); choosing one makes it active (`POST /me/active-organization`), so `GET /me`,
 * new access tokens and the server's `requireAuth` work in it. Arrow keys move through the list,
 * Escape closes it. Nothing is shown when nobody is signed in or the server has no organizations.
 *
 * @summary Chooses the active organization.
 * @tagname latch-organization-switcher
 *
 * @fires {LatchOrganizationChangeEvent} latch-organization-change - Another organization is active; `organization` names it and the role there.
 * @fires {LatchErrorEvent} latch-error - A request failed (the list already shows why).
 *
 * @csspart button - The button that opens the list.
 * @csspart menu - The list's popup.
 * @csspart option - One organization.
 * @csspart create-link - The link to create an organization (with `create-href`).
 * @csspart error - The error live region.
 * @csspart status - The status live region (visually hidden).
 *
 * @cssprop --latch-color-surface - The popup's background.
 * @cssprop --latch-color-border - The popup's border.
 */
export class LatchOrganizationSwitcher extends LatchElement {
  static override styles = [sharedStyles, switcherStyles];

  /** A page to create an organization on, linked at the end of the list; no link when unset. */
  @property({ attribute: 'create-href' }) createHref?: string;
  /** `end` opens the list aligned to the button's end edge (for a switcher at the right of a header). */
  @property({ reflect: true }) align: 'start' | 'end' = 'start';

  @state() private items: OrganizationChoice[] = [];
  @state() private activeId: string | null = null;
  @state() private open = false;
  @state() private ready = false;

  /** The user whose organizations are shown, to reload when someone else signs in. */
  private loadedFor: string | undefined;

  private get o(): OrganizationStrings {
    return this.strings('organizations', enOrganizations);
  }

  protected override moreProblems(): Record<string, string> {
    return this.o.problems;
  }

  private readonly onOutside = (event: Event) => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };

  private readonly onOrganizationChange = (event: Event) => {
    if (event.target !== this) void this.refresh();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.onOutside);
    window.addEventListener('latch-organization-change', this.onOrganizationChange);
    window.addEventListener('latch-organization-created', this.onOrganizationChange);
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onOutside);
    window.removeEventListener('latch-organization-change', this.onOrganizationChange);
    window.removeEventListener('latch-organization-created', this.onOrganizationChange);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const user = this.session?.me?.user.id;
    if (changed.has('session') && this.ready && user !== this.loadedFor) void this.refresh();
  }

  /** Loads the organizations and the active one again. */
  async refresh(): Promise<void> {
    try {
      if (!organizationsAvailable(await this.loadConfig())) {
        this.hidden = true;
        return;
      }
      const me = await this.client.me();
      this.loadedFor = me?.user.id;
      if (!me) {
        this.items = [];
        this.hidden = true;
        return;
      }
      const page = await this.client.get('/orgs');
      this.items = page.items;
      this.activeId = me.activeOrganization?.id ?? null;
      this.hidden = false;
      this.formError = undefined;
    } catch (error) {
      if (isProblem(error, 'unauthenticated')) this.hidden = true;
      else this.formError = this.describe(error);
    } finally {
      this.ready = true;
    }
  }

  private get active(): OrganizationChoice | undefined {
    return this.items.find((i) => i.id === this.activeId);
  }

  protected override render() {
    const o = this.o;
    if (!this.ready) return nothing;
    const active = this.active;
    return html`
      <button class="toggle" part="button" type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="menu"
        @click=${this.toggle} @keydown=${this.onButtonKey}>
        <span class="visually-hidden">${o.switcherLabel}:</span>
        <span class="name">${active?.name ?? o.noOrganization}</span>
        <span class="caret" aria-hidden="true">▾</span>
      </button>
      <div class="menu" part="menu" id="menu" ?hidden=${!this.open} @keydown=${this.onMenuKey} @focusout=${this.onFocusOut}>
        ${alertRegion(this.formError)}
        ${this.items.length
          ? html`<ul aria-label=${o.organizations}>${this.items.map((item) => html`<li>
              <button part="option" type="button" data-org-id=${item.id} aria-current=${item.id === this.activeId ? 'true' : 'false'}
                @click=${() => this.choose(item)}>
                <span>${item.name}</span><span class="role">${item.id === this.activeId ? html`<span aria-hidden="true">✓ </span>` : nothing}${roleLabel(o, item.role)}</span>
              </button>
            </li>`)}</ul>`
          : html`<p class="muted">${o.noOrganizations}</p>`}
        ${this.createHref ? html`<a part="create-link" href=${this.createHref}>${o.newOrganization}</a>` : nothing}
      </div>
      <span class="visually-hidden" part="status" role="status">${this.statusText ?? nothing}</span>
    `;
  }

  private options(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.menu button, .menu a')];
  }

  private async toggle(): Promise<void> {
    this.open = !this.open;
    if (this.open) {
      await this.updateComplete;
      (this.options().find((b) => b.getAttribute('aria-current') === 'true') ?? this.options()[0])?.focus();
    }
  }

  private close(focusButton: boolean): void {
    this.open = false;
    if (focusButton) void this.focusAfterUpdate('.toggle');
  }

  private async onButtonKey(event: KeyboardEvent): Promise<void> {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    this.open = true;
    await this.updateComplete;
    const options = this.options();
    options[event.key === 'ArrowDown' ? 0 : options.length - 1]?.focus();
  }

  private onMenuKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close(true);
      return;
    }
    const options = this.options();
    const at = options.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: options.length - 1 }[event.key];
    if (next === undefined || !options.length) return;
    event.preventDefault();
    options[(next + options.length) % options.length]!.focus();
  }

  /** Tabbing out of the list closes it. */
  private onFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget as Node | null;
    if (to && !this.renderRoot.contains(to)) this.open = false;
  }

  private choose(item: OrganizationChoice): Promise<void> {
    if (item.id === this.activeId) {
      this.close(true);
      return Promise.resolve();
    }
    return this.attempt(async () => {
      const answer = await this.client.post('/me/active-organization', { organizationId: item.id });
      const organization = answer.organization ?? item;
      this.activeId = organization.id;
      this.statusText = this.o.switched(organization.name);
      this.close(true);
      this.dispatchEvent(new LatchOrganizationChangeEvent({ id: organization.id, name: organization.name, slug: organization.slug, role: answer.role ?? item.role }));
    });
  }
}
