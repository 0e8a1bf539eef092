import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { BodyOf, Operation } from '../../api/operations.js';
import type { AdminUser, AdminUserDetail, ApiKeyInfo, AuditEvent, Page, PublicConfig, TwoFactorSummary } from '../../api/types.js';
import { LatchAdminUserChangeEvent, type AdminUserAction } from '../../events/admin-user-change.js';
import { hasFeature } from '../../internal/features.js';
import { alertRegion, checkEmail, field, formatTime, formValues, statusRegion } from '../../internal/form.js';
import { isProblem } from '../../internal/latch-element.js';
import { LatchPanel } from '../../internal/panel.js';
import type { AdminStrings } from '../../locales/admin.js';
import { enAdmin } from '../../locales/en.js';
import { panelHostStyles, panelStyles } from '../../styles/panel.styles.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { canGrant, canManage, canRead, canWrite, platformRoles } from './admin-roles.js';
import { adminUsersStyles } from './admin-users.styles.js';

/** A record kind the server is configured with (`GET /config` `kinds`). */
type KindOption = PublicConfig['kinds'][number];
/** A platform role of the host's own (`GET /config` `roles`). */
type HostRole = PublicConfig['roles'][number];

type ListQuery = NonNullable<Operation<'/admin/users', 'get'>['parameters']['query']>;
type CreateBody = BodyOf<'/admin/users', 'post'>;

interface Filters { query: string; role: string; kind: string; status: '' | 'enabled' | 'disabled' }

const noFilters: Filters = { query: '', role: '', kind: '', status: '' };
const kindPattern = /^[a-z][a-z0-9_-]{0,39}$/;
/** At most this many pages are read for one "Load more" while filtering by status (which the list API does not filter). */
const statusScanPages = 5;

/**
 * The platform administration console: find accounts (search by name or email, filter by role,
 * kind and status, page on with "Load more"), open one to see its profile, roles, status, sessions,
 * second factors, API keys, organizations and activity, and create accounts, which emails an
 * invitation to set a password.
 *
 * What the signed-in account may do follows its roles (`GET /me`): `super_admin` and `admin`
 * change accounts, `manager` and `viewer` only read. Controls a role may not use are not rendered:
 * an admin sees no way to grant `admin` or `super_admin`, nor to change an administrator's account;
 * nobody changes their own roles. The host's own roles (`GET /config` `roles`, shown by their
 * labels) are offered beside the built-in ones; they carry no administrative rights, so admins and
 * super admins grant and remove them. The server enforces the same rules. Disabling an account and
 * removing its second factors ask for confirmation first; removing second factors also asks for
 * the administrator's own password.
 *
 * @summary User administration: search, details and changes, invitations.
 * @tagname latch-admin-users
 *
 * @fires {LatchAdminUserChangeEvent} latch-admin-user-change - The server accepted a change to an account (`action`, `user`).
 * @fires {LatchErrorEvent} latch-error - A request failed (the console already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The title: "Users", or the account's name in the detail view.
 * @csspart filters - The search and filter form.
 * @csspart create-button - Opens the create-user form.
 * @csspart list - The account list (also the API key, activity and organization lists).
 * @csspart item - One account (or key, event, organization).
 * @csspart user-link - Opens an account's details.
 * @csspart more-button - Loads the next page.
 * @csspart back-button - Returns from the details to the list.
 * @csspart form - A form (create, profile, roles).
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart field-error - The error under a field.
 * @csspart submit-button - Submits a form.
 * @csspart action-button - An action on the account (status, password reset, sign out everywhere, second factors).
 * @csspart revoke-button - Revokes an API key.
 * @csspart confirmation - The confirmation before disabling an account or removing its second factors.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart reauth-dialog - The password prompt for a phone number change.
 *
 * @cssprop --latch-admin-max-width - Widest the console gets (default 64rem).
 * @cssprop --latch-panel-padding - Inner spacing of the card.
 */
export class LatchAdminUsers extends LatchPanel {
  static override styles = [sharedStyles, panelStyles, panelHostStyles, adminUsersStyles];

  /** How many accounts (and activity events) to load at a time. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** The account whose details are shown; unset shows the list. Set by the console as one navigates. */
  @property({ attribute: 'user-id' }) userId?: string;

  @state() private config: PublicConfig | undefined;
  @state() private creating = false;
  @state() private filters: Filters = noFilters;
  @state() private users: AdminUser[] = [];
  @state() private cursor: string | null = null;
  @state() private listLoading = false;
  @state() private detail: AdminUserDetail | undefined;
  @state() private keys: ApiKeyInfo[] | undefined;
  @state() private events: AuditEvent[] = [];
  @state() private eventsCursor: string | null = null;
  @state() private confirming: 'disable' | 'remove-factors' | undefined;

  /** Only the answer of the latest list request is shown (filters can change while one runs). */
  private listRequest = 0;
  /** The account whose details were open, to give its entry focus on the way back. */
  private returnTo: string | undefined;
  /** Set when the person navigated (not the host): the new view's heading or entry then gets focus. */
  private moveFocus = false;
  /** What a `conflict` answer to the request under way means. */
  private conflict: 'lastAdministrator' | 'enableFirst' | undefined;

  private get a(): AdminStrings {
    return this.strings('admin', enAdmin);
  }

  private get roles(): readonly string[] {
    return this.me?.user.roles ?? [];
  }

  protected override moreProblems(): Record<string, string> {
    const words = { ...this.t.problems, ...this.a.problems };
    // One code, two rules: what a 409 means depends on the request.
    if (this.conflict) words.conflict = this.a[this.conflict];
    return words;
  }

  protected override heading(): string {
    if (this.creating) return this.a.createTitle;
    if (this.userId && this.detail) return this.detail.user.displayName;
    return this.a.title;
  }

  protected override async load(): Promise<void> {
    const [me, config] = await Promise.all([this.loadMe(), this.loadConfig()]);
    this.config = config;
    if (!canRead(me.user.roles)) return;
    if (!this.userId) return this.loadList();
    try {
      await this.loadDetail(this.userId);
    } catch (error) {
      if (isProblem(error, 'not_found')) await this.loadList();
      throw error;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Another account was picked (by the console or the host): show it, or the list.
    if (changed.has('userId') && this.loaded) void this.show();
  }

  private async show(): Promise<void> {
    const id = this.userId;
    const focused = this.moveFocus;
    this.moveFocus = false;
    try {
      if (id) {
        if (this.detail?.user.id !== id) await this.loadDetail(id);
        if (focused) void this.focusAfterUpdate('h2');
        return;
      }
      if (!this.users.length) await this.loadList();
      await this.updateComplete;
      const back = this.returnTo;
      const entry = back ? this.renderRoot.querySelector<HTMLElement>(`[data-user="${CSS.escape(back)}"] [part~=user-link]`) : null;
      if (focused) (entry ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
    } catch (error) {
      this.showError(error);
    }
  }

  // ——— the list

  /** One page of accounts for the filters; the status filter is applied here, reading on until a page fills. */
  private async fetchUsers(filters: Filters, cursor: string | null): Promise<Page<AdminUser>> {
    const base = {
      limit: this.pageSize,
      query: filters.query || undefined,
      role: (filters.role || undefined) as ListQuery['role'],
      kind: filters.kind || undefined,
    };
    if (!filters.status) return this.client.get('/admin/users', { query: { ...base, cursor: cursor ?? undefined } });
    const wanted = filters.status === 'disabled';
    const items: AdminUser[] = [];
    let next = cursor;
    for (let i = 0; i < statusScanPages; i++) {
      const page = await this.client.get('/admin/users', { query: { ...base, cursor: next ?? undefined } });
      items.push(...page.items.filter((u) => u.disabled === wanted));
      next = page.nextCursor;
      if (!next || items.length >= this.pageSize) break;
    }
    return { items, nextCursor: next };
  }

  private async loadList(): Promise<void> {
    const request = ++this.listRequest;
    this.listLoading = true;
    try {
      const page = await this.fetchUsers(this.filters, null);
      if (request !== this.listRequest) return;
      this.users = page.items;
      this.cursor = page.nextCursor;
    } finally {
      if (request === this.listRequest) this.listLoading = false;
    }
  }

  private async applyFilters(filters: Filters): Promise<void> {
    this.filters = filters;
    this.formError = undefined;
    this.statusText = undefined;
    try {
      await this.loadList();
      this.statusText = this.users.length ? this.a.shown(this.users.length) : this.a.noUsers;
    } catch (error) {
      this.showError(error);
    }
  }

  private readFilters(form: HTMLFormElement): Filters {
    const v = formValues(form);
    const status = v.status === 'enabled' || v.status === 'disabled' ? v.status : '';
    return { query: (v.query ?? '').trim(), role: v.role ?? '', kind: (v.kind ?? '').trim(), status };
  }

  private onSearch = (event: SubmitEvent): void => {
    event.preventDefault();
    const filters = this.readFilters(event.currentTarget as HTMLFormElement);
    if (filters.kind && !kindPattern.test(filters.kind)) {
      this.validate({ 'filter-kind': this.a.kindInvalid });
      return;
    }
    this.errors = {};
    void this.applyFilters(filters);
  };

  /** A choice in a select applies the form at once; typing waits for Search (or Enter). */
  private onFilterChange = (event: Event): void => {
    if (!(event.target instanceof HTMLSelectElement)) return;
    (event.currentTarget as HTMLFormElement).requestSubmit();
  };

  private clearFilters(): void {
    const form = this.renderRoot.querySelector<HTMLFormElement>('form.filters');
    form?.reset();
    this.errors = {};
    void this.applyFilters(noFilters);
    void this.focusAfterUpdate('#query');
  }

  private loadMore(): Promise<void> {
    return this.attempt(async () => {
      const request = this.listRequest;
      const page = await this.fetchUsers(this.filters, this.cursor);
      if (request !== this.listRequest) return;
      const first = this.users.length;
      this.users = [...this.users, ...page.items];
      this.cursor = page.nextCursor;
      this.statusText = this.a.shown(this.users.length);
      await this.updateComplete;
      this.renderRoot.querySelectorAll<HTMLElement>('[part~=user-link]')[first]?.focus();
    });
  }

  // ——— one account

  private async loadDetail(id: string): Promise<void> {
    this.confirming = undefined;
    let detail: AdminUserDetail;
    try {
      detail = await this.client.get('/admin/users/{id}', { params: { id } });
    } catch (error) {
      // Gone (or never there): back to the list, which says why.
      if (isProblem(error, 'not_found') && this.userId === id) this.userId = undefined;
      throw error;
    }
    if (this.userId !== id) return;
    this.detail = detail;
    const config = this.config;
    const [keys, events] = await Promise.all([
      config && hasFeature(config, 'api-keys')
        ? this.client.get('/admin/users/{id}/api-keys', { params: { id } })
        : Promise.resolve(undefined),
      this.client.get('/admin/users/{id}/activity', { params: { id }, query: { limit: this.pageSize } }),
    ]);
    if (this.userId !== id) return;
    this.keys = keys?.items;
    this.events = events.items;
    this.eventsCursor = events.nextCursor;
  }

  private clearMessages(): void {
    this.statusText = undefined;
    this.formError = undefined;
    this.errors = {};
  }

  private open(user: AdminUser): void {
    this.returnTo = user.id;
    this.moveFocus = true;
    this.clearMessages();
    this.detail = undefined;
    this.userId = user.id;
  }

  private back(): void {
    this.clearMessages();
    this.moveFocus = true;
    this.confirming = undefined;
    this.detail = undefined;
    if (this.creating && !this.userId) {
      this.creating = false;
      void this.show();
      return;
    }
    this.creating = false;
    this.userId = undefined;
  }

  /** Puts a changed account into the detail view and the list, and tells the host. */
  private changed(action: AdminUserAction, user: AdminUser): void {
    if (this.detail?.user.id === user.id) this.detail = { ...this.detail, user };
    this.users = this.users.map((u) => (u.id === user.id ? user : u));
    this.dispatchEvent(new LatchAdminUserChangeEvent(action, user));
  }

  private async reloadDetail(): Promise<void> {
    if (this.userId) await this.loadDetail(this.userId);
  }

  private saveProfile = (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const user = this.detail!.user;
    const v = formValues(event.currentTarget as HTMLFormElement);
    const displayName = (v.displayName ?? '').trim();
    const kind = (v.kind ?? '').trim() || 'user';
    const phone = (v.phoneNumber ?? '').trim();
    if (!this.validate({
      displayName: displayName ? undefined : this.common.fieldRequired,
      kind: kindPattern.test(kind) ? undefined : this.a.kindInvalid,
    })) return Promise.resolve();
    const body: BodyOf<'/admin/users/{id}', 'patch'> = {};
    if (displayName !== user.displayName) body.displayName = displayName;
    if (kind !== user.kind) body.kind = kind;
    const phoneNumber = phone || null;
    if (phoneNumber !== user.phoneNumber) body.phoneNumber = phoneNumber;
    return this.attempt(async () => {
      if (Object.keys(body).length) {
        // A phone number change needs the administrator's own proof of presence.
        const answer = await this.sensitive((proof) => this.client.patch('/admin/users/{id}', { ...body, ...proof }, { params: { id: user.id } }));
        this.changed('updated', answer.user);
      }
      this.done(this.a.profileSaved);
    }, '#displayName');
  };

  private saveRoles = (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const user = this.detail!.user;
    const checked = new FormData(event.currentTarget as HTMLFormElement).getAll('roles') as string[];
    const choices = this.roleChoices();
    // Roles not offered here (ranked too high, or no longer configured) stay as they are.
    const kept = user.roles.filter((r) => !choices.includes(r));
    const roles = [...kept, ...checked.filter((r) => choices.includes(r))];
    return this.attempt(async () => {
      this.conflict = 'lastAdministrator';
      const answer = await this.client.patch('/admin/users/{id}', { roles: roles as CreateBody['roles'] }, { params: { id: user.id } });
      this.changed('roles-changed', answer.user);
      this.done(this.a.rolesSaved);
    });
  };

  private setDisabled(disabled: boolean): Promise<void> {
    const user = this.detail!.user;
    return this.attempt(async () => {
      this.conflict = 'lastAdministrator';
      const answer = await this.client.patch('/admin/users/{id}', { disabled }, { params: { id: user.id } });
      this.confirming = undefined;
      this.changed(disabled ? 'disabled' : 'enabled', answer.user);
      await this.reloadDetail();
      this.done(disabled ? this.a.disabledDone(answer.user.displayName) : this.a.enabledDone(answer.user.displayName));
      void this.focusAfterUpdate(disabled ? '[data-action=enable]' : '[data-action=disable]');
    });
  }

  private sendReset(): Promise<void> {
    const user = this.detail!.user;
    return this.attempt(async () => {
      this.conflict = 'enableFirst';
      await this.client.post('/admin/users/{id}/password-reset', {}, { params: { id: user.id } });
      this.done(this.a.resetSent(user.email));
      this.dispatchEvent(new LatchAdminUserChangeEvent('password-reset-sent', user));
    });
  }

  private signOutEverywhere(): Promise<void> {
    const user = this.detail!.user;
    return this.attempt(async () => {
      await this.client.delete('/admin/users/{id}/sessions', { params: { id: user.id } });
      await this.reloadDetail();
      this.done(this.a.signedOutEverywhere(user.displayName));
      this.dispatchEvent(new LatchAdminUserChangeEvent('signed-out-everywhere', user));
    });
  }

  private removeFactors = (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const user = this.detail!.user;
    const password = formValues(event.currentTarget as HTMLFormElement)['admin-password'] ?? '';
    if (!this.validate({ 'admin-password': password ? undefined : this.common.passwordRequired })) return Promise.resolve();
    return this.attempt(async () => {
      await this.client.delete('/admin/users/{id}/two-factor', { params: { id: user.id }, body: { password } });
      this.confirming = undefined;
      await this.reloadDetail();
      this.done(this.a.factorsRemoved(user.displayName));
      this.dispatchEvent(new LatchAdminUserChangeEvent('two-factor-removed', user));
      void this.focusAfterUpdate('#two-factor-title');
    }, '#admin-password');
  };

  private revokeKey(key: ApiKeyInfo): Promise<void> {
    const user = this.detail!.user;
    return this.attempt(async () => {
      await this.client.delete('/admin/users/{id}/api-keys/{keyId}', { params: { id: user.id, keyId: key.id } });
      await this.reloadDetail();
      this.done(this.a.keyRevoked(key.name));
      this.dispatchEvent(new LatchAdminUserChangeEvent('api-key-revoked', user));
      void this.focusAfterUpdate('#keys-title');
    });
  }

  private moreEvents(): Promise<void> {
    const id = this.detail!.user.id;
    return this.attempt(async () => {
      const page = await this.client.get('/admin/users/{id}/activity', { params: { id }, query: { limit: this.pageSize, cursor: this.eventsCursor ?? undefined } });
      const first = this.events.length;
      this.events = [...this.events, ...page.items];
      this.eventsCursor = page.nextCursor;
      await this.updateComplete;
      const item = this.renderRoot.querySelectorAll<HTMLElement>('[data-event]')[first];
      item?.setAttribute('tabindex', '-1');
      item?.focus();
    });
  }

  private confirm(what: 'disable' | 'remove-factors'): void {
    this.confirming = what;
    this.formError = undefined;
    this.statusText = undefined;
    this.errors = {};
    void this.focusAfterUpdate(what === 'disable' ? '#confirm-title' : '#admin-password');
  }

  /** Escape in a confirmation cancels it, as it would close a dialog. */
  private onConfirmKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.cancelConfirm();
  };

  private cancelConfirm(): void {
    const what = this.confirming;
    this.confirming = undefined;
    this.errors = {};
    this.formError = undefined;
    void this.focusAfterUpdate(what === 'disable' ? '[data-action=disable]' : '[data-action=remove-factors]');
  }

  // ——— create

  private startCreate(): void {
    this.creating = true;
    this.clearMessages();
    void this.focusAfterUpdate('#new-email');
  }

  private create = (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const v = formValues(form);
    const email = (v['new-email'] ?? '').trim();
    const displayName = (v['new-name'] ?? '').trim();
    const kind = (v['new-kind'] ?? '').trim();
    const choices = this.roleChoices();
    const roles = (new FormData(form).getAll('roles') as string[]).filter((r) => choices.includes(r));
    if (!this.validate({
      'new-email': checkEmail(email, this.common),
      'new-name': displayName ? undefined : this.common.fieldRequired,
      'new-kind': !kind || kindPattern.test(kind) ? undefined : this.a.kindInvalid,
    })) return Promise.resolve();
    return this.attempt(async () => {
      const { user } = await this.client.post('/admin/users', { email, displayName, roles: roles as CreateBody['roles'], ...(kind ? { kind } : {}) });
      this.creating = false;
      this.returnTo = user.id;
      // The list is read again on the way back, so it holds the new account.
      this.users = [];
      this.detail = undefined;
      this.moveFocus = true;
      this.userId = user.id;
      this.done(this.a.invitationSent(user.email));
      this.dispatchEvent(new LatchAdminUserChangeEvent('created', user));
    }, '#new-email');
  };

  /** Runs a task as every element does; a `conflict` meaning the task sets holds until the next one. */
  protected override attempt(task: () => Promise<unknown>, focus?: string): Promise<void> {
    if (this.busy) return Promise.resolve();
    this.conflict = undefined;
    return super.attempt(task, focus);
  }

  protected override fieldFor(code: string): string | undefined {
    if (code === 'email_taken') return 'new-email';
    if (code === 'reauthentication_required' && this.confirming === 'remove-factors') return 'admin-password';
    return undefined;
  }

  // ——— rendering

  private kindOptions(): KindOption[] {
    return this.config?.kinds ?? [];
  }

  private kindLabel(kind: string): string {
    return this.kindOptions().find((k) => k.name === kind)?.label ?? (kind === 'user' ? this.a.userKind : kind);
  }

  /** The roles the host configured, with their labels; none from a server that lists none. */
  private hostRoles(): HostRole[] {
    return this.config?.roles ?? [];
  }

  /** Every role an account may hold here: the built-in ones, highest first, then the host's own. */
  private allRoles(): string[] {
    return [...platformRoles, ...this.hostRoles().map((r) => r.name)];
  }

  private roleName(role: string): string {
    if (Object.hasOwn(this.a.roleNames, role)) return this.a.roleNames[role]!;
    return this.hostRoles().find((r) => r.name === role)?.label ?? role;
  }

  private roleBadges(roles: readonly string[]): TemplateResult {
    return roles.length
      ? html`${roles.map((r) => html`<span class="badge role">${this.roleName(r)}</span>`)}`
      : html`<span class="badge">${this.a.noRoles}</span>`;
  }

  private statusBadge(user: AdminUser): TemplateResult {
    return user.disabled
      ? html`<span class="badge off">${this.a.disabled}</span>`
      : html`<span class="badge on">${this.a.enabled}</span>`;
  }

  /** A select of record kinds when the server names them, else a text field. */
  private kindControl(id: string, name: string, value: string, options: { any?: string; optional?: boolean; hint?: string }): TemplateResult {
    const kinds = this.kindOptions();
    const error = this.errors[id];
    if (!kinds.length) {
      return field({ id, name, label: this.a.kind, value, optional: options.optional ? this.common.optional : undefined, hint: options.hint, error, maxlength: 40, autocomplete: 'off' });
    }
    return html`<div class="field" part="field">
      <label for=${id} part="label">${this.a.kind}</label>
      <select id=${id} name=${name} part="input">
        ${options.any !== undefined ? html`<option value="" ?selected=${!value}>${options.any}</option>` : nothing}
        ${kinds.some((k) => k.name === 'user') ? nothing : html`<option value="user" ?selected=${value === 'user'}>${this.a.userKind}</option>`}
        ${kinds.map((k) => html`<option value=${k.name} ?selected=${value === k.name}>${k.label}</option>`)}
      </select>
    </div>`;
  }

  protected override render(): TemplateResult {
    const a = this.a;
    return html`<section part="panel" aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${this.heading()}</h2>
      ${this.signedOut
        ? html`<p>${a.signedOut} <a href=${this.signInHref}>${this.t.signIn}</a></p>`
        : this.loaded
          ? html`${alertRegion(this.formError)} ${statusRegion(this.statusText)} ${this.renderBody()}`
          : html`<p role="status">${this.common.loading}</p>`}
      ${this.reauth.render(this.t, this.common)}
    </section>`;
  }

  protected override renderBody(): unknown {
    if (!this.me) return nothing;
    if (!canRead(this.roles)) return html`<p>${this.a.noAccess}</p>`;
    if (this.creating && canWrite(this.roles)) return this.renderCreate();
    if (this.userId) return this.detail ? this.renderDetail(this.detail) : html`<p role="status">${this.common.loading}</p>`;
    return this.renderList();
  }

  private renderList(): TemplateResult {
    const a = this.a;
    const f = this.filters;
    const me = this.me!.user.id;
    return html`
      ${canWrite(this.roles) ? nothing : html`<p class="muted">${a.readOnly}</p>`}
      <form class="filters" part="filters" role="search" novalidate @submit=${this.onSearch} @change=${this.onFilterChange}>
        <div class="field query" part="field">
          <label for="query" part="label">${a.searchLabel}</label>
          <input id="query" name="query" type="search" part="input" autocomplete="off" spellcheck="false" maxlength="200" .value=${f.query}>
        </div>
        <div class="field" part="field">
          <label for="role" part="label">${a.role}</label>
          <select id="role" name="role" part="input">
            <option value="" ?selected=${!f.role}>${a.anyRole}</option>
            ${this.allRoles().map((r) => html`<option value=${r} ?selected=${f.role === r}>${this.roleName(r)}</option>`)}
          </select>
        </div>
        ${this.kindControl('filter-kind', 'kind', f.kind, { any: a.anyKind })}
        <div class="field" part="field">
          <label for="status" part="label">${a.status}</label>
          <select id="status" name="status" part="input">
            <option value="" ?selected=${!f.status}>${a.anyStatus}</option>
            <option value="enabled" ?selected=${f.status === 'enabled'}>${a.enabled}</option>
            <option value="disabled" ?selected=${f.status === 'disabled'}>${a.disabled}</option>
          </select>
        </div>
        <div class="row actions">
          <button class="primary" part="submit-button" type="submit">${a.search}</button>
          <button type="button" @click=${this.clearFilters}>${a.clearFilters}</button>
        </div>
      </form>
      ${canWrite(this.roles)
        ? html`<div class="toolbar"><button part="create-button" type="button" @click=${this.startCreate}>${a.createUser}</button></div>`
        : nothing}
      ${this.users.length
        ? html`<ul class="list" part="list" aria-label=${a.title} aria-busy=${this.listLoading ? 'true' : 'false'}>${this.users.map((u) => html`<li part="item" data-user=${u.id}>
            <button class="link user-link" part="user-link" type="button" @click=${() => this.open(u)}>${u.displayName}</button>
            ${u.id === me ? html` <span class="small muted">(${a.you})</span>` : nothing}
            <div class="small muted">${u.email}</div>
            <div class="tags small">${this.roleBadges(u.roles)} <span class="badge">${this.kindLabel(u.kind)}</span> ${this.statusBadge(u)}</div>
          </li>`)}</ul>`
        : this.listLoading ? nothing : html`<p class="muted">${a.noUsers}</p>`}
      ${this.cursor ? html`<button part="more-button" type="button" @click=${this.loadMore}>${a.loadMore}</button>` : nothing}
    `;
  }

  /** The roles the signed-in account may grant and remove (host roles rank below every built-in one). */
  private roleChoices(): string[] {
    return this.allRoles().filter((r) => canGrant(this.roles, r));
  }

  private renderCreate(): TemplateResult {
    const a = this.a;
    return html`
      <button class="link back" part="back-button" type="button" @click=${this.back}>← ${a.back}</button>
      <p>${a.createIntro}</p>
      <form part="form" novalidate @submit=${this.create}>
        ${field({ id: 'new-email', type: 'email', label: a.email, autocomplete: 'off', error: this.errors['new-email'] })}
        ${field({ id: 'new-name', label: this.common.displayName, autocomplete: 'off', maxlength: 100, error: this.errors['new-name'] })}
        <fieldset>
          <legend>${a.rolesTitle}</legend>
          ${this.roleChoices().map((r) => html`<label class="check"><input type="checkbox" name="roles" value=${r}> ${this.roleName(r)}</label>`)}
        </fieldset>
        ${this.kindControl('new-kind', 'new-kind', '', { optional: true, hint: a.kindHint })}
        <div class="row">
          <button class="primary" part="submit-button" type="submit">${a.sendInvitation}</button>
          <button type="button" @click=${this.back}>${this.common.cancel}</button>
        </div>
      </form>
    `;
  }

  private renderDetail(d: AdminUserDetail): TemplateResult {
    const a = this.a;
    const user = d.user;
    const self = user.id === this.me!.user.id;
    const writer = canWrite(this.roles);
    // Writers change accounts ranked below their own (a super admin: every account). Of their own
    // account the console changes only the profile: the rest is in the account's security settings.
    const manage = writer && !self && canManage(this.roles, user.roles);
    const config = this.config;
    return html`
      <button class="link back" part="back-button" type="button" @click=${this.back}>← ${a.back}</button>
      <p class="subtitle">${user.email}${self ? html` <span class="muted">(${a.you})</span>` : nothing}</p>
      <div class="tags summary">${this.roleBadges(user.roles)} ${this.statusBadge(user)}</div>
      ${writer && !self && !manage ? html`<p class="muted">${a.problems.forbidden}</p>` : nothing}
      ${writer ? nothing : html`<p class="muted">${a.readOnly}</p>`}
      <div class="sections">
        ${this.renderProfile(user, manage || (writer && self))}
        ${this.renderRoles(user, manage, self)}
        ${this.renderStatus(user, manage)}
        ${this.renderAccess(d, manage)}
        ${config && hasFeature(config, 'two-factor') ? this.renderFactors(user, d.twoFactor, manage) : nothing}
        ${this.keys ? this.renderKeys(this.keys, manage) : nothing}
        ${config && hasFeature(config, 'organizations') ? this.renderOrganizations(d.organizations) : nothing}
        ${this.renderActivity(user)}
      </div>
    `;
  }

  private renderProfile(user: AdminUser, manageable: boolean): TemplateResult {
    const a = this.a;
    const facts = html`<dl class="facts">
      <dt>${a.email}</dt><dd>${user.email} <span class="muted">(${user.emailVerified ? a.verified : a.notVerified})</span></dd>
      ${manageable ? nothing : html`<dt>${this.common.displayName}</dt><dd>${user.displayName}</dd>
        <dt>${a.kind}</dt><dd>${this.kindLabel(user.kind)}</dd>
        <dt>${a.phone}</dt><dd>${user.phoneNumber ?? a.noPhone}</dd>`}
      <dt>${a.created}</dt><dd>${formatTime(user.createdAt, this.locale)}</dd>
    </dl>`;
    return html`<section aria-labelledby="profile-title">
      <h3 id="profile-title">${a.profileTitle}</h3>
      ${facts}
      ${manageable
        ? html`<form part="form" novalidate @submit=${this.saveProfile}>
            ${field({ id: 'displayName', label: this.common.displayName, value: user.displayName, maxlength: 100, autocomplete: 'off', error: this.errors.displayName })}
            ${this.kindControl('kind', 'kind', user.kind, { hint: a.kindHint })}
            ${field({ id: 'phoneNumber', type: 'tel', label: a.phone, value: user.phoneNumber ?? '', autocomplete: 'off', hint: a.phoneHint, error: this.errors.phoneNumber, optional: this.common.optional })}
            <button class="primary" part="submit-button" type="submit">${a.saveProfile}</button>
          </form>`
        : nothing}
    </section>`;
  }

  private renderRoles(user: AdminUser, editable: boolean, self: boolean): TemplateResult {
    const a = this.a;
    const choices = this.roleChoices();
    // Only the roles ranked too high to change here; one no longer configured is kept quietly.
    const fixed = user.roles.filter((r) => !choices.includes(r) && !canGrant(this.roles, r));
    return html`<section aria-labelledby="roles-title">
      <h3 id="roles-title">${a.rolesTitle}</h3>
      ${editable
        ? html`<form part="form" novalidate @submit=${this.saveRoles}>
            ${fixed.length ? html`<p class="hint">${a.rolesFixed(fixed.map((r) => this.roleName(r)).join(', '))}</p>` : nothing}
            <fieldset aria-labelledby="roles-title">
              ${choices.map((r) => html`<label class="check"><input type="checkbox" name="roles" value=${r} ?checked=${user.roles.includes(r)}> ${this.roleName(r)}</label>`)}
            </fieldset>
            <button class="primary" part="submit-button" type="submit">${a.saveRoles}</button>
          </form>`
        : html`<div class="tags">${this.roleBadges(user.roles)}</div>
          ${self && canWrite(this.roles) ? html`<p class="hint">${a.rolesOwn}</p>` : nothing}`}
    </section>`;
  }

  private renderStatus(user: AdminUser, editable: boolean): TemplateResult {
    const a = this.a;
    return html`<section aria-labelledby="status-title">
      <h3 id="status-title">${a.statusTitle}</h3>
      <p>${this.statusBadge(user)}</p>
      ${!editable
        ? nothing
        : user.disabled
          ? html`<button part="action-button" data-action="enable" type="button" @click=${() => this.setDisabled(false)}>${a.enable}</button>`
          : this.confirming === 'disable'
            ? html`<form class="box confirm" part="confirmation" novalidate aria-labelledby="confirm-title" @keydown=${this.onConfirmKey}
                @submit=${(e: SubmitEvent) => { e.preventDefault(); void this.setDisabled(true); }}>
                <h4 id="confirm-title" tabindex="-1">${a.disableTitle(user.displayName)}</h4>
                <p>${a.disableBody}</p>
                <div class="row">
                  <button class="danger" part="submit-button" type="submit">${a.disableConfirm}</button>
                  <button type="button" @click=${this.cancelConfirm}>${this.common.cancel}</button>
                </div>
              </form>`
            : html`<button class="danger" part="action-button" data-action="disable" type="button" @click=${() => this.confirm('disable')}>${a.disable}</button>`}
    </section>`;
  }

  private renderAccess(d: AdminUserDetail, manageable: boolean): TemplateResult {
    const a = this.a;
    const user = d.user;
    return html`<section aria-labelledby="access-title">
      <h3 id="access-title">${a.accessTitle}</h3>
      <p data-sessions=${d.sessions}>${a.sessions(d.sessions)}</p>
      ${manageable
        ? html`<div class="row">
            ${user.disabled
              ? html`<p class="hint">${a.resetDisabledHint}</p>`
              : html`<button part="action-button" data-action="reset" type="button" @click=${this.sendReset}>${a.sendReset}</button>`}
            <button part="action-button" data-action="sign-out" type="button" @click=${this.signOutEverywhere}>${a.signOutEverywhere}</button>
          </div>`
        : nothing}
    </section>`;
  }

  private renderFactors(user: AdminUser, f: TwoFactorSummary, editable: boolean): TemplateResult {
    const a = this.a;
    const any = f.totp || f.email || f.passkeys > 0 || f.backupCodesRemaining > 0;
    return html`<section aria-labelledby="two-factor-title">
      <h3 id="two-factor-title" tabindex="-1">${a.twoFactorTitle}</h3>
      ${any
        ? html`<ul class="list" part="list" data-factors>
            ${f.totp ? html`<li part="item">${a.factorTotp}</li>` : nothing}
            ${f.email ? html`<li part="item">${a.factorEmail}</li>` : nothing}
            ${f.passkeys > 0 ? html`<li part="item">${a.factorPasskeys(f.passkeys)}</li>` : nothing}
            ${f.backupCodesRemaining > 0 ? html`<li part="item">${a.factorBackupCodes(f.backupCodesRemaining)}</li>` : nothing}
          </ul>`
        : html`<p class="muted" data-factors="none">${a.noFactors}</p>`}
      ${editable && any
        ? this.confirming === 'remove-factors'
          ? html`<form class="box confirm" part="confirmation" novalidate aria-labelledby="factors-confirm-title" @keydown=${this.onConfirmKey} @submit=${this.removeFactors}>
              <h4 id="factors-confirm-title">${a.removeFactorsTitle(user.displayName)}</h4>
              <p>${a.removeFactorsBody}</p>
              <input type="email" name="username" autocomplete="username" .value=${this.me?.user.email ?? ''} hidden>
              ${field({ id: 'admin-password', type: 'password', label: a.yourPassword, autocomplete: 'current-password', error: this.errors['admin-password'] })}
              <div class="row">
                <button class="danger" part="submit-button" type="submit">${a.removeFactorsConfirm}</button>
                <button type="button" @click=${this.cancelConfirm}>${this.common.cancel}</button>
              </div>
            </form>`
          : html`<button class="danger" part="action-button" data-action="remove-factors" type="button" @click=${() => this.confirm('remove-factors')}>${a.removeFactors}</button>`
        : nothing}
    </section>`;
  }

  private renderKeys(keys: ApiKeyInfo[], manageable: boolean): TemplateResult {
    const a = this.a;
    const lang = this.locale;
    return html`<section aria-labelledby="keys-title">
      <h3 id="keys-title" tabindex="-1">${a.apiKeysTitle}</h3>
      ${keys.length
        ? html`<ul class="list" part="list" data-keys>${keys.map((k) => html`<li part="item" class="between" data-key=${k.id}>
            <div>
              <strong>${k.name}</strong>
              <div class="small muted">${a.keyDetails(k.prefix, k.scopes.join(', '))}</div>
              <div class="small muted">${a.created}: ${formatTime(k.createdAt, lang)} · ${a.lastUsed}: ${k.lastUsedAt ? formatTime(k.lastUsedAt, lang) : a.never}</div>
            </div>
            ${manageable
              ? html`<button class="danger" part="revoke-button" type="button" aria-label=${`${a.revokeKey}: ${k.name}`} @click=${() => this.revokeKey(k)}>${a.revokeKey}</button>`
              : nothing}
          </li>`)}</ul>`
        : html`<p class="muted">${a.noApiKeys}</p>`}
    </section>`;
  }

  private renderOrganizations(orgs: AdminUserDetail['organizations']): TemplateResult {
    const a = this.a;
    return html`<section aria-labelledby="orgs-title">
      <h3 id="orgs-title">${a.organizationsTitle}</h3>
      ${orgs.length
        ? html`<ul class="list" part="list" data-organizations>${orgs.map((o) => html`<li part="item" class="between">
            <span><strong>${o.name}</strong> <span class="small muted">${o.slug}</span></span>
            <span class="badge">${a.orgRoleNames[o.role] ?? o.role}</span>
          </li>`)}</ul>`
        : html`<p class="muted">${a.noOrganizations}</p>`}
    </section>`;
  }

  private eventLabel(type: string): string {
    return this.a.activity[type] ?? this.t.activity[type] ?? type.replace(/[._]/g, ' ').replace(/^./, (c) => c.toUpperCase());
  }

  private renderActivity(user: AdminUser): TemplateResult {
    const a = this.a;
    return html`<section class="wide" aria-labelledby="activity-title">
      <h3 id="activity-title">${a.activityTitle}</h3>
      ${this.events.length
        ? html`<ul class="list" part="list" data-activity>${this.events.map((e) => html`<li part="item" data-event=${e.type}>
            <strong>${this.eventLabel(e.type)}</strong>
            <div class="small muted">${formatTime(e.at, this.locale)}${e.ip ? ` · ${e.ip}` : ''}${e.actorId && e.actorId !== user.id ? ` · ${a.byAdministrator}` : ''}</div>
          </li>`)}</ul>`
        : html`<p class="muted">${a.noActivity}</p>`}
      ${this.eventsCursor ? html`<button part="more-button" type="button" @click=${this.moreEvents}>${a.showMore}</button>` : nothing}
    </section>`;
  }
}
