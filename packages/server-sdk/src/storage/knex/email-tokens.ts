import type { Knex } from 'knex';
import type { EmailTokenRepository } from '../storage.js';
import type { EmailTokenPurpose } from '../types.js';
import { toEmailToken } from './rows.js';

export class KnexEmailTokenRepository implements EmailTokenRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async issue(token: { userId: string; purpose: EmailTokenPurpose; tokenHash: string; newEmail?: string | null; createdAt: Date; expiresAt: Date }) {
    await this.voidForUser(token.userId, [token.purpose], token.createdAt);
    const [row] = await this.db('email_tokens')
      .insert({
        user_id: token.userId,
        purpose: token.purpose,
        token_hash: token.tokenHash,
        new_email: token.newEmail ?? null,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
      })
      .returning('*');
    return toEmailToken(row);
  }

  async consume(purpose: EmailTokenPurpose, tokenHash: string, now: Date) {
    // One conditional UPDATE: of two racing requests exactly one gets the row back.
    const rows = await this.db('email_tokens')
      .where({ token_hash: tokenHash, purpose })
      .whereNull('used_at')
      .where('expires_at', '>', now)
      .update({ used_at: now })
      .returning('*');
    return rows[0] ? toEmailToken(rows[0]) : null;
  }

  async findLive(purpose: EmailTokenPurpose, tokenHash: string, now: Date) {
    const row = await this.db('email_tokens').where({ token_hash: tokenHash, purpose }).whereNull('used_at').where('expires_at', '>', now).first();
    return row ? toEmailToken(row) : null;
  }

  async voidForUser(userId: string, purposes: EmailTokenPurpose[], now: Date) {
    await this.db('email_tokens').where({ user_id: userId }).whereIn('purpose', purposes).whereNull('used_at').update({ used_at: now });
  }
}
