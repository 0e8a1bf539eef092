import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, resolveConfig, silentLogger, type LatchConfig } from '@latch/server-sdk';
import { createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestClient, type TestServer } from '@latch/server-sdk/testing';
import { isAllowedKind } from '../../src/core/kinds.js';
import { assertProblem } from '../two-factor/helpers.js';

const kinds = { employee: { label: 'Employees' }, clinician: { label: 'Clinicians' } };

describe('record kinds configuration', () => {
  it('refuses kind names off the pattern and empty labels at start-up', () => {
    const bad: Array<[LatchConfig['kinds'], RegExp]> = [
      [{ 'Bad Kind': { label: 'Bad' } }, /kinds\.Bad Kind is not a kind name: use lower-case/],
      [{ '9lives': { label: 'Cats' } }, /kinds/],
      [{ employee: { label: '' } }, /kinds\.employee\.label must not be empty/],
      [{ employee: { label: '   ' } }, /kinds\.employee\.label must not be empty/],
      [{ employee: {} as { label: string } }, /kinds\.employee\.label/],
      [{ employee: { label: 'Staff\u0000' } }, /kinds\.employee\.label/],
    ];
    for (const [value, message] of bad) {
      assert.throws(() => resolveConfig({ logger: silentLogger, kinds: value }), (error: unknown) => {
        assert.ok(error instanceof ConfigError, String(error));
        assert.match(error.message, message);
        return true;
      }, JSON.stringify(value));
    }
    assert.deepEqual(resolveConfig({ logger: silentLogger }).kinds, {}, 'free-form by default');
    assert.deepEqual(resolveConfig({ logger: silentLogger, kinds }).kinds, kinds);
  });

  it('allows `user` and the configured kinds, or any well-formed kind when none is configured', () => {
    assert.equal(isAllowedKind({ kinds: {} }, 'contractor'), true);
    assert.equal(isAllowedKind({ kinds: {} }, 'Not A Kind'), false);
    assert.equal(isAllowedKind({ kinds }, 'clinician'), true);
    assert.equal(isAllowedKind({ kinds }, 'user'), true);
    assert.equal(isAllowedKind({ kinds }, 'contractor'), false);
    assert.equal(isAllowedKind({ kinds }, 'toString'), false, 'no inherited name counts');
  });
});

for (const database of testDatabaseKinds()) {
  describe(`configured record kinds on ${database}`, () => {
    let t: TestServer;
    let superAdmin: TestClient;

    before(async () => {
      t = await createTestServer({ database, config: { kinds } });
      const email = uniqueEmail('kinds-root');
      await t.latch.provisionUser({ email, password: strongPassword, roles: ['super_admin'] });
      superAdmin = t.client();
      assert.equal((await superAdmin.post('/sign-in', { email, password: strongPassword })).status, 200);
    });
    after(() => t.close());

    it('lists the kinds with their labels in GET /config', async () => {
      const config = await t.client().get('/config');
      assert.deepEqual(config.body.kinds, [{ name: 'employee', label: 'Employees' }, { name: 'clinician', label: 'Clinicians' }]);
    });

    it('accepts only `user` and the configured kinds when creating and changing accounts', async () => {
      const refused = await superAdmin.post('/admin/users', { email: uniqueEmail(), displayName: 'X', roles: [], kind: 'contractor' });
      assertProblem(refused, 422, 'validation_failed');
      assert.equal(refused.body.errors[0].field, 'kind');
      assert.match(refused.body.errors[0].message, /user, employee, clinician/);

      const clinician = await superAdmin.post('/admin/users', { email: uniqueEmail(), displayName: 'C', roles: [], kind: 'clinician' });
      assert.equal(clinician.status, 201, clinician.text);
      const plain = await superAdmin.post('/admin/users', { email: uniqueEmail(), displayName: 'U', roles: [], kind: 'user' });
      assert.equal(plain.status, 201, plain.text);

      const id = clinician.body.user.id as string;
      assertProblem(await superAdmin.patch(`/admin/users/${id}`, { kind: 'contractor' }), 422, 'validation_failed');
      assert.equal((await superAdmin.get(`/admin/users/${id}`)).body.user.kind, 'clinician');
      assert.equal((await superAdmin.patch(`/admin/users/${id}`, { kind: 'employee' })).body.user.kind, 'employee');

      await assert.rejects(t.latch.provisionUser({ email: uniqueEmail(), password: strongPassword, kind: 'contractor' }), (error: { code?: string }) => error.code === 'validation_failed');
    });

    it('skips imported rows of a kind not configured, and imports the rest', async () => {
      const ok = uniqueEmail('import-kind');
      const off = uniqueEmail('import-kind');
      const r = await superAdmin.post('/admin/users/import', { users: [{ email: ok, kind: 'employee' }, { email: off, kind: 'contractor' }, { email: uniqueEmail() }] });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.created, 2);
      assert.deepEqual(r.body.skipped.map((s: { email: string; reason: string }) => [s.email, s.reason]), [[off, 'invalid_kind']]);
      assert.match(r.body.skipped[0].message, /user, employee, clinician/);
    });
  });
}
