import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Organization, OrganizationInvitation, OrganizationMember, PublicConfig } from '../../api/types.js';
import { LatchOrganizationChangeEvent } from '../../events/organization-change.js';
import { enOrganizations } from '../../locales/en.js';
import type { OrganizationStrings } from '../../locales/organizations.js';
import { checkEmail, field, formatTime, formValues } from '../../internal/form.js';
import { isProblem } from '../../internal/latch-element.js';
import { kindLabel, OrganizationRoles, organizationsAvailable, roleLabel } from '../../internal/organizations.js';
import { LatchPanel } from '../../internal/panel.js';
import { organizationStyles } from '../../styles/organization.styles.js';
import { panelHostStyles, panelStyles } from '../../styles/panel.styles.js';
import { sharedStyles } from '../../styles/shared.styles.js';

/**
 * The members of an organization and its pending invitations: a tab per kind of member (labels
 * from the server's `kinds`), search, "Load more" pages, each member's name, email, role, kind and
 * phone number; invite by email with a role and a kind, resend or revoke an invitation, change a
 * member's role, kind or phone number (a phone change asks for the password again when the
 * sign-in is not recent), remove a member, and leave the organization.
 *
 * What is offered follows the signed-in person's role in the organization (from `GET /orgs/{id}`)
 * and what that role may do (`GET /config` `organizations.roles`): a viewer sees the lists and
 * nothing that changes them; only roles up to one's own are offered; nobody changes their own
 * entry. The server enforces the same rules.
 *
 * @summary Organization members, invitations and roles.
 * @tagname latch-organization-members
 *
 * @fires {LatchOrganizationChangeEvent} latch-organization-change - The person left the session's active organization (`organization` is null).
 * @fires {LatchErrorEvent} latch-error - A request failed (the panel already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The panel title.
 * @csspart tabs - The tab list of member kinds.
 * @csspart tab - One kind's tab.
 * @csspart search - The search form.
 * @csspart list - The member list.
 * @csspart member - One member.
 * @csspart you-badge - The "You" badge on one's own entry.
 * @csspart edit-button - Opens the edit form of a member.
 * @csspart edit-form - The form that changes a member's role, kind or phone number.
 * @csspart remove-button - Removes a member (after a confirmation).
 * @csspart load-more-button - Loads the next page of members.
 * @csspart invite-form - The invitation form.
 * @csspart invitations - The pending invitations.
 * @csspart invitation - One pending invitation.
 * @csspart resend-button - Sends an invitation again with a new link.
 * @csspart revoke-button - Revokes an invitation.
 * @csspart expired-badge - Marks an invitation whose link has expired (resend it for a new one).
 * @csspart leave-button - Leaves the organization (after a confirmation).
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input or select.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart reauth-dialog - The password prompt.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchOrganizationMembers extends LatchPanel {
  static override styles = [sharedStyles, panelStyles, panelHostStyles, organizationStyles];

  /** The organization's id; the session's active organization when unset. */
  @property({ attribute: 'org-id' }) orgId?: string;
  /** How many members one page shows. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  @state() private config: PublicConfig | undefined;
  @state() private organization: Organization | undefined;
  /** The signed-in person's role in it. */
  @state() private myRole = '';
  /** Why there is no organization to show. */
  @state() private missing: 'none' | 'not-found' | 'left' | undefined;
  @state() private leftName = '';
  @state() private kind = '';
  @state() private query = '';
  @state() private members: OrganizationMember[] = [];
  @state() private nextCursor: string | null = null;
  @state() private invitations: OrganizationInvitation[] = [];
  @state() private invitationsCursor: string | null = null;
  /** The member whose edit form is open, or whose removal waits for confirmation. */
  @state() private editing: string | undefined;
  @state() private removing: string | undefined;
  @state() private leaving = false;

  /** Only the latest member request may fill the list (tabs and searches can overlap). */
  private listRequest = 0;
  private roles = new OrganizationRoles(undefined);

  private get o(): OrganizationStrings {
    return this.strings('organizations', enOrganizations);
  }

  protected override available = organizationsAvailable;

  protected override heading() {
    return this.o.membersTitle;
  }

  protected override moreProblems(): Record<string, string> {
    return { ...this.t.problems, ...this.o.problems };
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'already_member' ? 'email' : undefined;
  }

  private readonly onOrganizationChange = (event: Event) => {
    if (!this.orgId && event.target !== this) void this.refresh();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('latch-organization-change', this.onOrganizationChange);
    window.addEventListener('latch-organization-created', this.onOrganizationChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('latch-organization-change', this.onOrganizationChange);
    window.removeEventListener('latch-organization-created', this.onOrganizationChange);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Another organization named after the first render: show that one.
    if (changed.has('orgId') && this.hasUpdated) void this.refresh();
  }

  protected override async load(): Promise<void> {
    const [me, config] = await Promise.all([this.loadMe(), this.loadConfig()]);
    this.config = config;
    this.roles = new OrganizationRoles(config);
    this.editing = this.removing = undefined;
    this.leaving = false;
    const id = this.orgId || me.activeOrganization?.id;
    if (!id) {
      this.missing = 'none';
      this.organization = undefined;
      return;
    }
    try {
      const answer = await this.client.get('/orgs/{id}', { params: { id } });
      this.organization = answer.organization;
      this.myRole = answer.role;
      this.missing = undefined;
    } catch (error) {
      if (!isProblem(error, 'not_found')) throw error;
      this.missing = 'not-found';
      this.organization = undefined;
      return;
    }
    await Promise.all([this.loadMembers(), this.loadInvitations()]);
  }

  /** The first page of members for the current tab and search, or the next page after the last. */
  private async loadMembers(more = false): Promise<void> {
    const id = this.organization!.id;
    const request = ++this.listRequest;
    const page = await this.client.get('/orgs/{id}/members', {
      params: { id },
      query: {
        limit: this.pageSize,
        ...(this.query ? { query: this.query } : {}),
        ...(this.kind ? { kind: this.kind } : {}),
        ...(more && this.nextCursor ? { cursor: this.nextCursor } : {}),
      },
    });
    if (request !== this.listRequest) return;
    this.members = more ? [...this.members, ...page.items] : page.items;
    this.nextCursor = page.nextCursor ?? null;
  }

  private async loadInvitations(more = false): Promise<void> {
    if (!this.can('invitations:read')) {
      this.invitations = [];
      this.invitationsCursor = null;
      return;
    }
    const page = await this.client.get('/orgs/{id}/invitations', {
      params: { id: this.organization!.id },
      query: { limit: 50, ...(more && this.invitationsCursor ? { cursor: this.invitationsCursor } : {}) },
    });
    this.invitations = more ? [...this.invitations, ...page.items] : page.items;
    this.invitationsCursor = page.nextCursor ?? null;
  }

  // What the signed-in person may do here.
  private can(permission: string): boolean {
    return this.roles.allows(this.myRole, permission);
  }

  private isSelf(m: OrganizationMember): boolean {
    return m.user.id === this.me?.user.id;
  }

  /** Members ranked up to one's own (owners manage owners). */
  private outranks(m: OrganizationMember): boolean {
    return this.roles.rankOf(m.role) <= this.roles.rankOf(this.myRole);
  }

  private canChangeRole(m: OrganizationMember): boolean {
    return this.can('members:roles') && !this.isSelf(m) && this.outranks(m);
  }

  private canChangeKind(m: OrganizationMember): boolean {
    return this.can('members:write') && !this.isSelf(m) && this.outranks(m);
  }

  /** A phone number belongs to the person: only below one's own rank, or as an owner. */
  private canChangePhone(m: OrganizationMember): boolean {
    return this.can('members:write') && !this.isSelf(m)
      && (this.roles.rankOf(m.role) < this.roles.rankOf(this.myRole) || this.myRole === 'owner');
  }

  private canRemove(m: OrganizationMember): boolean {
    return this.can('members:remove') && !this.isSelf(m) && this.outranks(m);
  }

  private nameOf(m: OrganizationMember): string {
    return m.user.displayName || m.user.email;
  }

  private get kinds() {
    return this.config?.kinds ?? [];
  }

  protected override renderBody(): unknown {
    const o = this.o;
    if (this.missing === 'none') return html`<p>${o.noActiveOrganization}</p>`;
    if (this.missing === 'not-found') return html`<p>${o.notFound}</p>`;
    if (this.missing === 'left') return html`<p>${o.left(this.leftName)}</p>`;
    const org = this.organization!;
    return html`
      <p class="muted">${org.name} · ${o.yourRole(roleLabel(o, this.myRole))}</p>
      ${this.kinds.length ? this.renderTabs() : nothing}
      <div id="members" role=${this.kinds.length ? 'tabpanel' : nothing} aria-labelledby=${this.kinds.length ? `tab-${this.kind || 'all'}` : nothing}>
        ${this.renderMembers()}
      </div>
      ${this.can('invitations:write') ? this.renderInviteForm() : nothing}
      ${this.can('invitations:read') ? this.renderInvitations() : nothing}
      ${this.renderLeave()}
    `;
  }

  private renderTabs(): TemplateResult {
    const o = this.o;
    const tabs = [{ name: '', label: o.allKinds }, ...this.kinds];
    return html`<div class="tabs" part="tabs" role="tablist" aria-label=${o.kindTabs} @keydown=${this.onTabKey}>
      ${tabs.map((k) => {
        const selected = k.name === this.kind;
        return html`<button part="tab" type="button" role="tab" id=${`tab-${k.name || 'all'}`} data-kind=${k.name}
          aria-selected=${selected ? 'true' : 'false'} aria-controls="members" tabindex=${selected ? '0' : '-1'}
          @click=${() => this.selectKind(k.name)}>${k.label}</button>`;
      })}
    </div>`;
  }

  private renderMembers(): TemplateResult {
    const o = this.o;
    return html`
      <form class="search" part="search" role="search" novalidate @submit=${this.onSearch}>
        <div class="field" part="field">
          <label for="member-search" part="label">${o.searchLabel}</label>
          <input part="input" id="member-search" name="query" type="search" autocomplete="off" spellcheck="false" .value=${this.query}>
        </div>
        <button type="submit">${o.search}</button>
      </form>
      <p class="count small muted" aria-live="polite">${this.members.length ? o.shown(this.members.length) : o.noMembers}</p>
      ${this.members.length
        ? html`<ul class="list" part="list">${this.members.map((m) => this.renderMember(m))}</ul>`
        : nothing}
      ${this.nextCursor
        ? html`<button part="load-more-button" type="button" @click=${this.loadMore}>${o.loadMore}</button>`
        : nothing}
    `;
  }

  private renderMember(m: OrganizationMember): TemplateResult {
    const o = this.o;
    const name = this.nameOf(m);
    const editable = this.canChangeRole(m) || this.canChangeKind(m) || this.canChangePhone(m);
    const editing = this.editing === m.user.id;
    return html`<li part="member" data-user-id=${m.user.id}>
      <div class="between">
        <div>
          <strong>${name}</strong>
          ${this.isSelf(m) ? html` <span class="badge on" part="you-badge">${o.you}</span>` : nothing}
          ${m.user.displayName ? html`<div class="small muted">${m.user.email}</div>` : nothing}
        </div>
        <div class="row">
          ${editable
            ? html`<button part="edit-button" type="button" aria-label=${o.editMember(name)} aria-expanded=${editing ? 'true' : 'false'}
                @click=${() => this.toggleEdit(m)}>${o.edit}</button>`
            : nothing}
          ${this.canRemove(m)
            ? html`<button class="danger" part="remove-button" type="button" aria-label=${o.removeMember(name)}
                @click=${() => this.askRemove(m)}>${o.remove}</button>`
            : nothing}
        </div>
      </div>
      <dl class="facts small">
        <div><dt>${o.role}</dt><dd>${roleLabel(o, m.role)}</dd></div>
        <div><dt>${o.kind}</dt><dd>${m.kind ? kindLabel(this.config, m.kind) : o.none}</dd></div>
        <div><dt>${o.phone}</dt><dd>${m.user.phoneNumber ?? o.none}</dd></div>
      </dl>
      ${editing ? this.renderEditForm(m) : nothing}
      ${this.removing === m.user.id
        ? html`<div class="box inline" role="group" aria-labelledby="remove-question">
            <p id="remove-question">${o.removeConfirm(name, this.organization!.name)}</p>
            <div class="row">
              <button class="danger" id="remove-confirm" type="button" @click=${() => this.removeMember(m)}>${o.remove}</button>
              <button type="button" @click=${this.cancelRemove}>${this.common.cancel}</button>
            </div>
          </div>`
        : nothing}
    </li>`;
  }

  /** A select of the configured kinds, or a text field when the host lets kinds be anything. */
  private renderKind(id: string, value: string | null | undefined): TemplateResult {
    const o = this.o;
    if (!this.kinds.length) {
      return field({ id, name: 'kind', label: o.kind, value: value ?? '', hint: o.kindHint, maxlength: 40, error: this.errors.kind });
    }
    const known = this.kinds.some((k) => k.name === value);
    return html`<div class="field" part="field">
      <label for=${id} part="label">${o.kind}</label>
      <select id=${id} name="kind" part="input">
        <option value="" ?selected=${!value}>${o.none}</option>
        ${this.kinds.map((k) => html`<option value=${k.name} ?selected=${k.name === value}>${k.label}</option>`)}
        ${value && !known ? html`<option value=${value} selected>${value}</option>` : nothing}
      </select>
      ${this.errors.kind ? html`<p class="field-error" part="field-error">${this.errors.kind}</p>` : nothing}
    </div>`;
  }

  private renderRole(id: string, value: string): TemplateResult {
    const o = this.o;
    return html`<div class="field" part="field">
      <label for=${id} part="label">${o.role}</label>
      <select id=${id} name="role" part="input">
        ${this.roles.grantableBy(this.myRole).map((r) => html`<option value=${r.name} ?selected=${r.name === value}>${roleLabel(o, r.name)}</option>`)}
      </select>
    </div>`;
  }

  private renderEditForm(m: OrganizationMember): TemplateResult {
    const o = this.o;
    return html`<form class="box inline" part="edit-form" novalidate aria-label=${o.editMember(this.nameOf(m))} @submit=${(e: SubmitEvent) => this.save(e, m)}>
      ${this.canChangeRole(m) ? this.renderRole('edit-role', m.role) : nothing}
      ${this.canChangeKind(m) ? this.renderKind('edit-kind', m.kind) : nothing}
      ${this.canChangePhone(m)
        ? field({ id: 'edit-phone', name: 'phoneNumber', type: 'tel', autocomplete: 'off', label: o.phone, value: m.user.phoneNumber ?? '', hint: o.phoneHint, maxlength: 32, error: this.errors.phoneNumber })
        : nothing}
      <div class="row">
        <button class="primary" type="submit">${o.save}</button>
        <button type="button" @click=${() => this.toggleEdit(m)}>${this.common.cancel}</button>
      </div>
    </form>`;
  }

  private renderInviteForm(): TemplateResult {
    const o = this.o;
    const roles = this.roles.grantableBy(this.myRole);
    const initial = roles.at(-1)?.name ?? '';
    return html`<section class="part" aria-labelledby="invite-title">
      <h3 id="invite-title">${o.inviteTitle}</h3>
      <form part="invite-form" novalidate @submit=${this.invite}>
        ${field({ id: 'invite-email', name: 'email', type: 'email', autocomplete: 'off', label: this.common.email, maxlength: 254, error: this.errors.email })}
        ${this.renderRole('invite-role', initial)}
        ${this.renderKind('invite-kind', '')}
        <button class="primary" part="invite-button" type="submit">${o.inviteSubmit}</button>
      </form>
    </section>`;
  }

  private renderInvitations(): TemplateResult {
    const o = this.o;
    const lang = this.locale;
    const write = this.can('invitations:write');
    return html`<section class="part" aria-labelledby="pending-title">
      <h3 id="pending-title">${o.pendingTitle}</h3>
      ${this.invitations.length
        ? html`<ul class="list" part="invitations">${this.invitations.map((i) => html`<li part="invitation" class="between" data-invitation-id=${i.id}>
            <div>
              <strong>${i.email}</strong>
              ${i.expired ? html` <span class="badge" part="expired-badge">${o.expired}</span>` : nothing}
              <dl class="facts small">
                <div><dt>${o.role}</dt><dd>${roleLabel(o, i.role)}</dd></div>
                ${i.kind ? html`<div><dt>${o.kind}</dt><dd>${kindLabel(this.config, i.kind)}</dd></div>` : nothing}
                <div><dt>${o.expires}</dt><dd>${formatTime(i.expiresAt, lang)}</dd></div>
              </dl>
            </div>
            ${write
              ? html`<div class="row">
                  <button part="resend-button" type="button" aria-label=${o.resendTo(i.email)} @click=${() => this.resend(i)}>${o.resend}</button>
                  <button class="danger" part="revoke-button" type="button" aria-label=${o.revokeFor(i.email)} @click=${() => this.revoke(i)}>${o.revoke}</button>
                </div>`
              : nothing}
          </li>`)}</ul>`
        : html`<p class="muted">${o.noPending}</p>`}
      ${this.invitationsCursor
        ? html`<button type="button" @click=${() => this.attempt(() => this.loadInvitations(true))}>${o.loadMore}</button>`
        : nothing}
    </section>`;
  }

  private renderLeave(): TemplateResult {
    const o = this.o;
    return html`<section class="part" aria-label=${o.leave}>
      ${this.leaving
        ? html`<div class="box" role="group" aria-labelledby="leave-question">
            <p id="leave-question">${o.leaveConfirm(this.organization!.name)}</p>
            <div class="row">
              <button class="danger" id="leave-confirm" type="button" @click=${this.leave}>${o.leave}</button>
              <button type="button" @click=${this.cancelLeave}>${this.common.cancel}</button>
            </div>
          </div>`
        : html`<button class="danger" part="leave-button" type="button" @click=${this.askLeave}>${o.leave}</button>`}
    </section>`;
  }

  // Tabs: arrow keys, Home and End move between kinds and show that kind.
  private onTabKey(event: KeyboardEvent): void {
    const tabs = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const at = tabs.indexOf(event.target as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    tab.focus();
    void this.selectKind(tab.dataset.kind ?? '');
  }

  private async selectKind(kind: string): Promise<void> {
    if (kind === this.kind) return;
    this.kind = kind;
    this.editing = this.removing = undefined;
    try {
      await this.loadMembers();
    } catch (error) {
      this.showError(error);
    }
  }

  private async onSearch(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.query = (formValues(event.currentTarget as HTMLFormElement).query ?? '').trim();
    this.editing = this.removing = undefined;
    try {
      await this.loadMembers();
    } catch (error) {
      this.showError(error, '#member-search');
    }
  }

  private loadMore(): Promise<void> {
    const count = this.members.length;
    return this.attempt(async () => {
      await this.loadMembers(true);
      // Focus the first member of the new page, so keyboard users go on where they were.
      await this.updateComplete;
      this.renderRoot.querySelectorAll<HTMLElement>('[part~="member"]')[count]?.querySelector<HTMLElement>('button')?.focus();
    });
  }

  private toggleEdit(m: OrganizationMember): void {
    const closing = this.editing === m.user.id;
    this.editing = closing ? undefined : m.user.id;
    this.removing = undefined;
    this.errors = {};
    this.formError = undefined;
    void this.focusAfterUpdate(closing
      ? `[data-user-id="${m.user.id}"] [part~="edit-button"]`
      : `[data-user-id="${m.user.id}"] form select, [data-user-id="${m.user.id}"] form input`);
  }

  private async save(event: SubmitEvent, m: OrganizationMember): Promise<void> {
    event.preventDefault();
    const o = this.o;
    const v = formValues(event.currentTarget as HTMLFormElement);
    const body: { role?: string; kind?: string | null; phoneNumber?: string | null } = {};
    if (v.role !== undefined && v.role !== m.role) body.role = v.role;
    if (v.kind !== undefined && (v.kind.trim() || null) !== (m.kind ?? null)) body.kind = v.kind.trim() || null;
    const phone = v.phoneNumber?.trim();
    if (phone !== undefined && phone !== (m.user.phoneNumber ?? '')) {
      if (!this.validate({ phoneNumber: phone && !phone.startsWith('+') ? o.phoneInvalid : undefined })) return;
      body.phoneNumber = phone || null;
    }
    const name = this.nameOf(m);
    const button = `[data-user-id="${m.user.id}"] [part~="edit-button"]`;
    if (!Object.keys(body).length) {
      this.editing = undefined;
      void this.focusAfterUpdate(button);
      return;
    }
    await this.attempt(async () => {
      const send = (proof: { password?: string }) => this.client.patch('/orgs/{id}/members/{userId}', { ...body, ...proof }, { params: { id: this.organization!.id, userId: m.user.id } });
      // A phone number change needs proof of presence: the password prompt opens when the server asks.
      const { member } = body.phoneNumber !== undefined ? await this.sensitive(send) : await send({});
      this.members = this.members.map((x) => (x.user.id === m.user.id ? member : x));
      this.editing = undefined;
      this.done(o.memberUpdated(name));
      void this.focusAfterUpdate(button);
    }, '#edit-phone');
  }

  private askRemove(m: OrganizationMember): void {
    this.removing = m.user.id;
    this.editing = undefined;
    void this.focusAfterUpdate('#remove-confirm');
  }

  private cancelRemove(): void {
    const id = this.removing;
    this.removing = undefined;
    void this.focusAfterUpdate(`[data-user-id="${id}"] [part~="remove-button"]`);
  }

  private removeMember(m: OrganizationMember): Promise<void> {
    return this.attempt(async () => {
      await this.client.delete('/orgs/{id}/members/{userId}', { params: { id: this.organization!.id, userId: m.user.id } });
      this.members = this.members.filter((x) => x.user.id !== m.user.id);
      this.removing = undefined;
      this.done(this.o.memberRemoved(this.nameOf(m)));
      void this.focusAfterUpdate('h2');
    });
  }

  private async invite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const v = formValues(form);
    const email = (v.email ?? '').trim();
    if (!this.validate({ email: checkEmail(email, this.common) })) return;
    const kind = (v.kind ?? '').trim();
    this.editing = this.removing = undefined;
    await this.attempt(async () => {
      await this.client.post('/orgs/{id}/invitations', { email, role: v.role ?? '', ...(kind ? { kind } : {}) }, { params: { id: this.organization!.id } });
      form.reset();
      await this.loadInvitations();
      this.done(this.o.invitationSent(email));
    }, '#invite-email');
  }

  private resend(invitation: OrganizationInvitation): Promise<void> {
    return this.attempt(async () => {
      await this.client.post('/orgs/{id}/invitations/{invitationId}/resend', {}, { params: { id: this.organization!.id, invitationId: invitation.id } });
      await this.loadInvitations();
      this.done(this.o.resent(invitation.email));
    });
  }

  private revoke(invitation: OrganizationInvitation): Promise<void> {
    return this.attempt(async () => {
      await this.client.delete('/orgs/{id}/invitations/{invitationId}', { params: { id: this.organization!.id, invitationId: invitation.id } });
      this.invitations = this.invitations.filter((i) => i.id !== invitation.id);
      this.done(this.o.revoked(invitation.email));
      void this.focusAfterUpdate('#pending-title');
    });
  }

  private askLeave(): void {
    this.leaving = true;
    void this.focusAfterUpdate('#leave-confirm');
  }

  private cancelLeave(): void {
    this.leaving = false;
    void this.focusAfterUpdate('[part~="leave-button"]');
  }

  private leave(): Promise<void> {
    return this.attempt(async () => {
      const org = this.organization!;
      await this.client.post('/orgs/{id}/leave', {}, { params: { id: org.id } });
      this.leaving = false;
      this.leftName = org.name;
      this.missing = 'left';
      this.organization = undefined;
      this.formError = undefined;
      if (this.me && this.me.activeOrganization?.id === org.id) {
        this.me = { ...this.me, activeOrganization: null };
        this.dispatchEvent(new LatchOrganizationChangeEvent(null));
      }
      void this.focusAfterUpdate('h2');
    });
  }
}
