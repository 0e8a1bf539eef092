import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { LatchOrganizationCreatedEvent } from '../../events/organization-created.js';
import { enOrganizations } from '../../locales/en.js';
import type { OrganizationStrings } from '../../locales/organizations.js';
import { field, formValues, navigateSameOrigin } from '../../internal/form.js';
import { organizationsAvailable } from '../../internal/organizations.js';
import { LatchPanel } from '../../internal/panel.js';

const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * Creates an organization from a name and an optional short name (slug; the server makes one
 * from the name when it is left empty). The signed-in person becomes its owner, and it becomes
 * the session's active organization. Who may create organizations is the server's configuration
 * (`organizations.creation`); a person who may not is told so.
 *
 * @summary Creates an organization and makes it active.
 * @tagname latch-create-organization
 *
 * @fires {LatchOrganizationCreatedEvent} latch-organization-created - The organization exists and is active; cancel it to stop `redirect`.
 * @fires {LatchErrorEvent} latch-error - A request failed (the form already shows why).
 *
 * @csspart panel - The section.
 * @csspart heading - The title.
 * @csspart form - The form.
 * @csspart field - A label, control and error group.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart field-error - The error under a field.
 * @csspart error - The error live region.
 * @csspart status - The status live region.
 * @csspart submit-button - Creates the organization.
 *
 * @cssprop --latch-panel-padding - Inner spacing of the panel card.
 */
export class LatchCreateOrganization extends LatchPanel {
  /** Where to go once the organization is created (same origin only); stays on the page when unset. */
  @property() redirect?: string;

  private get o(): OrganizationStrings {
    return this.strings('organizations', enOrganizations);
  }

  protected override available = organizationsAvailable;

  protected override heading() {
    return this.o.createTitle;
  }

  protected override moreProblems(): Record<string, string> {
    return { ...this.t.problems, ...this.o.problems, forbidden: this.o.createForbidden };
  }

  protected override fieldFor(code: string): string | undefined {
    return code === 'slug_taken' ? 'slug' : undefined;
  }

  protected override async load(): Promise<void> {
    await this.loadMe();
  }

  protected override renderBody() {
    const o = this.o;
    return html`
      <p>${o.createIntro}</p>
      <form part="form" novalidate @submit=${this.create}>
        ${field({ id: 'name', label: o.name, autocomplete: 'organization', maxlength: 100, error: this.errors.name })}
        ${field({ id: 'slug', label: o.slug, optional: this.common.optional, hint: o.slugHint, maxlength: 64, error: this.errors.slug })}
        <button class="primary" part="submit-button" type="submit">${o.createSubmit}</button>
      </form>
    `;
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const o = this.o;
    const form = event.currentTarget as HTMLFormElement;
    const v = formValues(form);
    const name = (v.name ?? '').trim();
    const slug = (v.slug ?? '').trim();
    if (!this.validate({
      name: name ? undefined : this.common.fieldRequired,
      slug: !slug || slugPattern.test(slug) ? undefined : o.slugInvalid,
    })) return;
    await this.attempt(async () => {
      const { organization } = await this.client.post('/orgs', { name, ...(slug ? { slug } : {}) });
      await this.client.post('/me/active-organization', { organizationId: organization.id });
      form.reset();
      this.done(o.created(organization.name));
      const created = new LatchOrganizationCreatedEvent(organization);
      this.dispatchEvent(created);
      if (this.redirect && !created.defaultPrevented) navigateSameOrigin(this.redirect);
    }, '#name');
  }
}
