import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { ApiKeyUsageRecorder } from '../../src/api-keys/usage.js';
import type { ApiKeyUsage } from '../../src/api-keys/repository.js';

describe('API key usage flush', () => {
  it('runs on the injected clock\'s time, never on a wall-clock timer', async () => {
    const clock = createManualClock(new Date('2026-01-01T00:00:00Z'));
    const batches: ApiKeyUsage[][] = [];
    const recorder = new ApiKeyUsageRecorder({ clock, flushIntervalMs: 5000, logger: silentLogger, write: async (batch) => { batches.push(batch); } });
    recorder.start();
    recorder.record('key-1', clock.now(), '127.0.0.1');
    recorder.record('key-1', clock.now(), '127.0.0.2');
    // Yield to the event loop several times: no timer may write in the meantime.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    clock.advance(4999);
    assert.equal(batches.length, 0, 'not due yet');
    clock.advance(1);
    await recorder.flush();
    assert.equal(batches.length, 1, 'written once the clock reached the interval');
    assert.deepEqual(batches[0]!.map((u) => [u.id, u.count, u.lastUsedIp]), [['key-1', 2, '127.0.0.2']]);
    await recorder.stop();
    clock.advance(60_000);
    assert.equal(batches.length, 1, 'stopped: nothing more');
  });
});
