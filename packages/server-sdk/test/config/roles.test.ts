import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, resolveConfig, silentLogger, type LatchConfig } from '@latch/server-sdk';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { canGrant, canManage, highestRank, isKnownRole, permissionsOfRoles } from '../../src/core/roles.js';

const roles = { support: { label: 'Support desk', permissions: ['tickets:read', 'tickets:write'] }, auditor: { permissions: ['reports:read'] } };

describe('platform roles configuration', () => {
  it('refuses bad role names, built-in names, bad permissions and labels at start-up, naming the field', () => {
    const bad: Array<[LatchConfig['roles'], RegExp]> = [
      [{ 'Bad Role': { permissions: [] } }, /roles\.Bad Role is not a role name: use lower-case/],
      [{ '9lives': { permissions: [] } }, /roles\.9lives is not a role name/],
      [{ [`r${'x'.repeat(32)}`]: { permissions: [] } }, /is not a role name/],
      [{ admin: { permissions: ['tickets:read'] } }, /roles\.admin names a built-in role \(super_admin, admin, manager, viewer\)/],
      [{ super_admin: { permissions: [] } }, /roles\.super_admin names a built-in role/],
      [{ support: { permissions: ['tickets'] } }, /roles\.support\.permissions\[0\] must look like resource:action/],
      [{ support: { permissions: ['read', 'Tickets:Read'] } }, /roles\.support\.permissions\[1\] must look like resource:action/],
      [{ support: { permissions: ['tickets:read:all'] } }, /roles\.support\.permissions\[0\]/],
      [{ support: {} as { permissions: string[] } }, /roles\.support\.permissions/],
      [{ support: { permissions: [], label: '  ' } }, /roles\.support\.label must not be empty/],
      [{ support: { permissions: [], label: 'Desk\u0000' } }, /roles\.support\.label must not contain control characters/],
      [{ support: { permissions: [], rank: 5 } as { permissions: string[] } }, /roles\.support/],
    ];
    for (const [value, message] of bad) {
      assert.throws(() => resolveConfig({ logger: silentLogger, roles: value }), (error: unknown) => {
        assert.ok(error instanceof ConfigError, String(error));
        assert.match(error.message, message);
        return true;
      }, JSON.stringify(value));
    }
    assert.deepEqual(resolveConfig({ logger: silentLogger }).roles, {}, 'no host role by default');
    const resolved = resolveConfig({ logger: silentLogger, roles: { support: { permissions: ['tickets:read', 'tickets:read'] } } });
    assert.deepEqual(resolved.roles, { support: { permissions: ['tickets:read'] } }, 'each permission once');
  });

  it('ranks host roles below viewer: known, grantable by admins, with no administrative rights', () => {
    const settings = { roles };
    assert.equal(isKnownRole(settings, 'support'), true);
    assert.equal(isKnownRole(settings, 'viewer'), true);
    assert.equal(isKnownRole(settings, 'owner'), false);
    assert.equal(isKnownRole(settings, 'toString'), false, 'no inherited name counts');
    assert.equal(highestRank(['support', 'auditor']), 0);
    assert.equal(highestRank(['constructor']), 0, 'no inherited rank counts');
    assert.equal(canGrant(['admin'], 'support'), true);
    assert.equal(canGrant(['manager'], 'support'), false, 'readers grant nothing');
    assert.equal(canManage(['admin'], ['support']), true);
    assert.equal(canManage(['support'], []), false);
    assert.deepEqual(permissionsOfRoles(settings, ['support', 'auditor', 'admin']), ['tickets:read', 'tickets:write', 'reports:read']);
    assert.deepEqual(permissionsOfRoles(settings, ['super_admin', 'admin', 'manager', 'viewer']), [], 'built-in roles carry no permission');
  });
});

for (const database of testDatabaseKinds()) {
  describe(`configured platform roles in GET /config on ${database}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database, config: { roles } }); });
    after(() => t.close());

    it('lists the configured roles in configuration order, with labels (the name when none) and permissions', async () => {
      const config = await t.client().get('/config');
      assert.equal(config.status, 200, config.text);
      assert.deepEqual(config.body.roles, [
        { name: 'support', label: 'Support desk', permissions: ['tickets:read', 'tickets:write'] },
        { name: 'auditor', label: 'auditor', permissions: ['reports:read'] },
      ]);
    });

    it('lists none without configured roles', async () => {
      const plain = await createTestServer({ database });
      try {
        assert.deepEqual((await plain.client().get('/config')).body.roles, []);
      } finally {
        await plain.close();
      }
    });
  });
}
