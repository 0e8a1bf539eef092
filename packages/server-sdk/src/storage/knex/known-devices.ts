import type { Knex } from 'knex';
import type { KnownDeviceRepository } from '../storage.js';
import { toKnownDevice } from './rows.js';

export class KnexKnownDeviceRepository implements KnownDeviceRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async find(userId: string, deviceHash: string) {
    const row = await this.db('known_devices').where({ user_id: userId, device_hash: deviceHash }).first();
    return row ? toKnownDevice(row) : null;
  }

  async hasAny(userId: string) {
    return (await this.db('known_devices').where({ user_id: userId }).first('user_id')) !== undefined;
  }

  async recordSeen(userId: string, deviceHash: string, seenAt: Date, alertedAt?: Date) {
    const update: Record<string, unknown> = { last_seen_at: seenAt };
    if (alertedAt) update.last_alerted_at = alertedAt;
    await this.db('known_devices')
      .insert({ user_id: userId, device_hash: deviceHash, first_seen_at: seenAt, last_seen_at: seenAt, last_alerted_at: alertedAt ?? null })
      .onConflict(['user_id', 'device_hash'])
      .merge(update);
  }

  async deleteStale(before: Date) {
    return this.db('known_devices as kd')
      .where('kd.last_seen_at', '<', before)
      .whereExists((newer) => newer.select(this.db.raw('1')).from('known_devices as n')
        .whereRaw('n.user_id = kd.user_id')
        .whereRaw('(n.last_seen_at, n.device_hash) > (kd.last_seen_at, kd.device_hash)'))
      .delete();
  }
}
