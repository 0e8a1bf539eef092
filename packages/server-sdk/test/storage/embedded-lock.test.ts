import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, createDatabase } from '@latch/server-sdk';

describe('embedded database folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'latch-lock-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is refused to a second opener while in use, and free again once closed', async () => {
    const dataDir = join(root, 'twice');
    const first = createDatabase({ dataDir });
    await first.knex.raw(`create schema ${first.schema}`);
    await first.knex.raw('create table marker (n int)');
    await first.knex.raw('insert into marker values (42)');
    assert.throws(() => createDatabase({ dataDir }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, new RegExp(`in use by process ${process.pid}\\b`));
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
    await first.close();
    assert.equal(existsSync(join(dataDir, 'latch.lock')), false);

    const second = createDatabase({ dataDir });
    try {
      const { rows } = await second.knex.raw('select n from marker');
      assert.deepEqual(rows, [{ n: 42 }]);
    } finally {
      await second.close();
    }
  });

  it('is refused while another running process holds it', async () => {
    const dataDir = join(root, 'other');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, 'latch.lock'), `${holder.pid}\n`);
      assert.throws(() => createDatabase({ dataDir }), new RegExp(`in use by process ${holder.pid}\\b`));
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = join(root, 'stale');
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout.trim());
    const db0 = createDatabase({ dataDir });
    await db0.close();
    writeFileSync(join(dataDir, 'latch.lock'), `${deadPid}\n`);
    const db = createDatabase({ dataDir });
    try {
      const { rows } = await db.knex.raw('select 1 as ok');
      assert.deepEqual(rows, [{ ok: 1 }]);
    } finally {
      await db.close();
    }
  });
});
