import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemContext } from '@latch/server-sdk';
import { EnvError, readSettings } from '../src/index.js';
import { startTestServer, type TestReferenceServer } from './helpers.js';

const base = { LATCH_SECRET: 'x'.repeat(32), LATCH_DATA_DIR: '/tmp/latch-kinds-env' };

describe('LATCH_KINDS', () => {
  it('maps name:Label pairs onto the kinds setting, in order, and leaves kinds free-form when unset', () => {
    assert.deepEqual(readSettings({ ...base, LATCH_KINDS: 'employee:Employees, clinician:Clinical staff ,' }).latch.kinds,
      { employee: { label: 'Employees' }, clinician: { label: 'Clinical staff' } });
    assert.deepEqual(Object.keys(readSettings({ ...base, LATCH_KINDS: 'b:B,a:A' }).latch.kinds!), ['b', 'a']);
    assert.equal(readSettings(base).latch.kinds, undefined);
    assert.equal(readSettings({ ...base, LATCH_KINDS: ' ' }).latch.kinds, undefined);
  });

  it('refuses a bad entry with one line naming it', () => {
    for (const [value, message] of [
      ['Employee:Employees', /"Employee", which is not a kind name/],
      ['employee', /needs a label for "employee"/],
      ['employee:', /needs a label for "employee"/],
      ['employee:A,employee:B', /names "employee" twice/],
      ['1x:One', /"1x", which is not a kind name/],
    ] as const) {
      assert.throws(() => readSettings({ ...base, LATCH_KINDS: value }),
        (error: unknown) => error instanceof EnvError && message.test(error.message) && !error.message.includes('\n'), value);
    }
  });

  describe('in a running server', () => {
    let s: TestReferenceServer;
    before(async () => { s = await startTestServer('pglite', { LATCH_KINDS: 'employee:Employees,clinician:Clinicians' }); });
    after(() => s.close());

    it('lists the kinds in GET /config and refuses any other kind', async () => {
      const config = await (await fetch(`${s.url}/auth/config`)).json() as { kinds: unknown };
      assert.deepEqual(config.kinds, [{ name: 'employee', label: 'Employees' }, { name: 'clinician', label: 'Clinicians' }]);
      await assert.rejects(s.running.latch.provisionUser({ email: 'kind@example.com', displayName: 'K', kind: 'contractor', sendInvitation: false }, systemContext('test')),
        (error: { code?: string }) => error.code === 'validation_failed');
    });
  });
});
