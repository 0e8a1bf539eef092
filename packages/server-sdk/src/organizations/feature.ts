import type { LatchFeature } from '../core/feature.js';
import { createOrganizationsApi, type OrganizationsApi } from './api.js';
import { MembershipChanges } from './changes.js';
import { OrganizationInvitations } from './invitations.js';
import { MembershipDirectory } from './membership.js';
import { organizationMigrations } from './migrations.js';
import { organizationStore } from './repository.js';
import { OrganizationRoles } from './roles.js';
import { organizationRoutes } from './routes.js';
import { OrganizationService } from './service.js';

/** Settled invitations (accepted, revoked or expired) are kept this long, then cleanup deletes them. */
const settledInvitationRetentionMs = 30 * 86_400_000;

/**
 * Organizations: teams with ranked roles (`owner` > `admin` > `manager` > `viewer`, plus the
 * host's own), members with a kind, single-use emailed invitations, an activity trail, and the
 * active organization a session works in, which `GET /me`, access tokens (`org`, `org_role`) and
 * `requireAuth({ permission, orgRole })` carry. Membership is checked on every request through a
 * per-process cache that every membership change drops in every process.
 */
export function organizationsFeature(): LatchFeature<OrganizationsApi> {
  return {
    name: 'organizations',
    migrations: organizationMigrations,
    setup({ services, sessions }) {
      const roles = new OrganizationRoles(services.config.organizations.roleList);
      const directory = new MembershipDirectory(services, roles);
      const changes = new MembershipChanges(services, roles);
      const orgs = new OrganizationService(services, roles, directory, changes);
      const invitations = new OrganizationInvitations(services, roles, orgs, changes, sessions);
      return {
        routes: organizationRoutes(services, orgs, invitations),
        organizations: directory,
        invitations,
        accountFacts: async (userId) => ({
          organizations: (await services.storage.store(organizationStore).allForUser(userId))
            .map((m) => ({ id: m.organization.id, name: m.organization.name, slug: m.organization.slug, role: m.role })),
        }),
        api: createOrganizationsApi(services, roles, directory, changes),
        cleanup: async () => {
          await services.storage.store(organizationStore).deleteSettledInvitations(new Date(services.clock.now().getTime() - settledInvitationRetentionMs));
        },
      };
    },
  };
}
