import type { Knex } from 'knex';
import { date, maybeDate, type Row } from '../../storage/knex/rows.js';
import type { Storage } from '../../storage/storage.js';
import type {
  BackupCodeRecord, ChallengeRecord, EmailCodeScope, NewPasskey, PasskeyRecord, TotpRecord, TwoFactorStore,
  WebauthnChallengeRecord, WebauthnPurpose,
} from './store.js';


function toChallenge(row: Row): ChallengeRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    usedAt: maybeDate(row.used_at),
    attempts: Number(row.attempts),
    emailSends: Number(row.email_sends),
    emailLastSentAt: maybeDate(row.email_last_sent_at),
  };
}

function toTotp(row: Row): TotpRecord {
  return {
    userId: row.user_id,
    secretSealed: row.secret_sealed ?? null,
    enabledAt: maybeDate(row.enabled_at),
    lastUsedStep: row.last_used_step == null ? null : Number(row.last_used_step),
    pendingSecretSealed: row.pending_secret_sealed ?? null,
    pendingExpiresAt: maybeDate(row.pending_expires_at),
  };
}

function toPasskey(row: Row): PasskeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: row.transports ?? [],
    deviceType: row.device_type ?? null,
    backedUp: Boolean(row.backed_up),
    aaguid: row.aaguid ?? null,
    name: row.name,
    createdAt: date(row.created_at),
    lastUsedAt: maybeDate(row.last_used_at),
  };
}

function toWebauthnChallenge(row: Row): WebauthnChallengeRecord {
  return {
    id: row.id,
    challenge: row.challenge,
    purpose: row.purpose,
    userId: row.user_id ?? null,
    pendingId: row.pending_id ?? null,
    expiresAt: date(row.expires_at),
  };
}

/*
 * Note for PGlite: knex-pglite reports no row count for UPDATE/DELETE, so every conditional write
 * uses `returning` and counts the rows it gets back.
 */
class KnexTwoFactorStore implements TwoFactorStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  private scoped(scope: EmailCodeScope) {
    const q = this.db('two_factor_email_codes').where({ user_id: scope.userId, purpose: scope.purpose });
    return scope.purpose === 'sign_in' ? q.where({ challenge_id: scope.challengeId }) : q.whereNull('challenge_id');
  }

  async createChallenge(input: { userId: string; tokenHash: string; createdAt: Date; expiresAt: Date }) {
    const [row] = await this.db('two_factor_challenges')
      .insert({ user_id: input.userId, token_hash: input.tokenHash, created_at: input.createdAt, expires_at: input.expiresAt })
      .returning('*');
    return toChallenge(row);
  }

  async findLiveChallenge(tokenHash: string, now: Date) {
    const row = await this.db('two_factor_challenges').where({ token_hash: tokenHash }).whereNull('used_at').where('expires_at', '>', now).first();
    return row ? toChallenge(row) : null;
  }

  async findLiveChallengeById(id: string, now: Date) {
    const row = await this.db('two_factor_challenges').where({ id }).whereNull('used_at').where('expires_at', '>', now).first();
    return row ? toChallenge(row) : null;
  }

  async reserveChallengeAttempt(id: string, max: number, now: Date) {
    const rows = await this.db('two_factor_challenges')
      .where({ id }).whereNull('used_at').where('expires_at', '>', now).where('attempts', '<', max)
      .increment('attempts', 1)
      .returning('attempts');
    return rows[0] ? Number(rows[0].attempts) : null;
  }

  async consumeChallenge(id: string, now: Date) {
    const rows = await this.db('two_factor_challenges')
      .where({ id }).whereNull('used_at').where('expires_at', '>', now)
      .update({ used_at: now })
      .returning('id');
    return rows.length === 1;
  }

  async claimFailureNotice(id: string) {
    const rows = await this.db('two_factor_challenges').where({ id, failure_noticed: false }).update({ failure_noticed: true }).returning('id');
    return rows.length === 1;
  }

  async claimEmailSend(id: string, now: Date, minIntervalSeconds: number, maxSends: number) {
    const rows = await this.db('two_factor_challenges')
      .where({ id }).whereNull('used_at').where('expires_at', '>', now).where('email_sends', '<', maxSends)
      .where((w) => w.whereNull('email_last_sent_at').orWhere('email_last_sent_at', '<=', new Date(now.getTime() - minIntervalSeconds * 1000)))
      .update({ email_sends: this.db.raw('email_sends + 1'), email_last_sent_at: now })
      .returning('id');
    return rows.length === 1;
  }

  async deleteExpiredChallenges(now: Date) {
    const rows = await this.db('two_factor_challenges').where('expires_at', '<=', now).delete().returning('id');
    return rows.length;
  }

  async findTotp(userId: string) {
    const row = await this.db('two_factor_totp').where({ user_id: userId }).first();
    return row ? toTotp(row) : null;
  }

  async setPendingTotp(userId: string, secretSealed: string, expiresAt: Date, now: Date) {
    await this.db('two_factor_totp')
      .insert({ user_id: userId, pending_secret_sealed: secretSealed, pending_expires_at: expiresAt, updated_at: now })
      .onConflict('user_id')
      .merge(['pending_secret_sealed', 'pending_expires_at', 'updated_at']);
  }

  async activatePendingTotp(userId: string, secretSealed: string, step: number, now: Date) {
    const rows = await this.db('two_factor_totp')
      .where({ user_id: userId, pending_secret_sealed: secretSealed }).where('pending_expires_at', '>', now)
      .update({
        secret_sealed: secretSealed, enabled_at: now, last_used_step: step,
        pending_secret_sealed: null, pending_expires_at: null, updated_at: now,
      })
      .returning('user_id');
    return rows.length === 1;
  }

  async useTotpStep(userId: string, step: number, now: Date) {
    const rows = await this.db('two_factor_totp')
      .where({ user_id: userId }).whereNotNull('enabled_at')
      .where((w) => w.whereNull('last_used_step').orWhere('last_used_step', '<', step))
      .update({ last_used_step: step, updated_at: now })
      .returning('user_id');
    return rows.length === 1;
  }

  async deleteTotp(userId: string) {
    const rows = await this.db('two_factor_totp').where({ user_id: userId }).delete().returning(['user_id', 'enabled_at']);
    return rows.some((r: Row) => r.enabled_at != null);
  }

  async deleteExpiredPendingTotp(now: Date) {
    const cleared = await this.db('two_factor_totp')
      .whereNotNull('enabled_at').where('pending_expires_at', '<=', now)
      .update({ pending_secret_sealed: null, pending_expires_at: null }).returning('user_id');
    const deleted = await this.db('two_factor_totp').whereNull('enabled_at').where('pending_expires_at', '<=', now).delete().returning('user_id');
    return cleared.length + deleted.length;
  }

  async issueEmailCode(scope: EmailCodeScope, codeHash: string, createdAt: Date, expiresAt: Date) {
    await this.scoped(scope).whereNull('used_at').update({ used_at: createdAt }).returning('id');
    await this.db('two_factor_email_codes').insert({
      user_id: scope.userId,
      challenge_id: scope.purpose === 'sign_in' ? scope.challengeId : null,
      purpose: scope.purpose,
      code_hash: codeHash,
      created_at: createdAt,
      expires_at: expiresAt,
    });
  }

  async findLiveEmailCode(scope: EmailCodeScope, now: Date) {
    const row = await this.scoped(scope).whereNull('used_at').where('expires_at', '>', now).orderBy('created_at', 'desc').first();
    return row ? { id: row.id as string, codeHash: row.code_hash as string, createdAt: date(row.created_at), expiresAt: date(row.expires_at) } : null;
  }

  async consumeEmailCode(id: string, now: Date) {
    const rows = await this.db('two_factor_email_codes').where({ id }).whereNull('used_at').where('expires_at', '>', now)
      .update({ used_at: now }).returning('id');
    return rows.length === 1;
  }

  async deleteExpiredEmailCodes(now: Date) {
    const rows = await this.db('two_factor_email_codes')
      .where((w) => w.where('expires_at', '<=', now).orWhereNotNull('used_at'))
      .delete().returning('id');
    return rows.length;
  }

  async replaceBackupCodes(userId: string, codeHashes: string[], now: Date) {
    await this.db('two_factor_backup_codes').where({ user_id: userId }).delete().returning('id');
    if (codeHashes.length > 0) {
      await this.db('two_factor_backup_codes').insert(codeHashes.map((codeHash) => ({ user_id: userId, code_hash: codeHash, created_at: now })));
    }
  }

  async listUnusedBackupCodes(userId: string): Promise<BackupCodeRecord[]> {
    const rows = await this.db('two_factor_backup_codes').where({ user_id: userId }).whereNull('used_at').select('id', 'code_hash');
    return rows.map((r: Row) => ({ id: r.id, codeHash: r.code_hash }));
  }

  async countUnusedBackupCodes(userId: string) {
    const row = await this.db('two_factor_backup_codes').where({ user_id: userId }).whereNull('used_at').count<{ count: string }[]>('* as count').first();
    return Number(row?.count ?? 0);
  }

  async consumeBackupCode(id: string, now: Date) {
    const rows = await this.db('two_factor_backup_codes').where({ id }).whereNull('used_at').update({ used_at: now }).returning('id');
    return rows.length === 1;
  }

  async deleteBackupCodes(userId: string) {
    const rows = await this.db('two_factor_backup_codes').where({ user_id: userId }).delete().returning('id');
    return rows.length;
  }

  async countPasskeys(userId: string) {
    const row = await this.db('passkeys').where({ user_id: userId }).count<{ count: string }[]>('* as count').first();
    return Number(row?.count ?? 0);
  }

  async listPasskeys(userId: string) {
    const rows = await this.db('passkeys').where({ user_id: userId }).orderBy('created_at', 'asc').orderBy('id', 'asc');
    return rows.map(toPasskey);
  }

  async findPasskeyByCredentialId(credentialId: string) {
    const row = await this.db('passkeys').where({ credential_id: credentialId }).first();
    return row ? toPasskey(row) : null;
  }

  async insertPasskey(passkey: NewPasskey) {
    // The unique credential id decides races between accounts without aborting the transaction.
    const rows = await this.db('passkeys')
      .insert({
        user_id: passkey.userId,
        credential_id: passkey.credentialId,
        public_key: passkey.publicKey,
        counter: passkey.counter,
        transports: passkey.transports,
        device_type: passkey.deviceType,
        backed_up: passkey.backedUp,
        aaguid: passkey.aaguid,
        name: passkey.name,
        created_at: passkey.createdAt,
      })
      .onConflict('credential_id')
      .ignore()
      .returning('*');
    return rows[0] ? toPasskey(rows[0]) : null;
  }

  async renamePasskey(userId: string, id: string, name: string) {
    const rows = await this.db('passkeys').where({ id, user_id: userId }).update({ name }).returning('*');
    return rows[0] ? toPasskey(rows[0]) : null;
  }

  async deletePasskey(userId: string, id: string) {
    const rows = await this.db('passkeys').where({ id, user_id: userId }).delete().returning('*');
    return rows[0] ? toPasskey(rows[0]) : null;
  }

  async advancePasskeyCounter(id: string, expected: number, next: number, now: Date) {
    const rows = await this.db('passkeys').where({ id, counter: expected }).update({ counter: next, last_used_at: now }).returning('id');
    return rows.length === 1;
  }

  async createWebauthnChallenge(input: Omit<WebauthnChallengeRecord, 'id'> & { createdAt: Date }) {
    await this.db('webauthn_challenges').insert({
      challenge: input.challenge,
      purpose: input.purpose,
      user_id: input.userId,
      pending_id: input.pendingId,
      created_at: input.createdAt,
      expires_at: input.expiresAt,
    });
  }

  async consumeWebauthnChallenge(challenge: string, purposes: WebauthnPurpose[], now: Date) {
    const rows = await this.db('webauthn_challenges')
      .where({ challenge }).whereIn('purpose', purposes).whereNull('used_at').where('expires_at', '>', now)
      .update({ used_at: now })
      .returning('*');
    return rows[0] ? toWebauthnChallenge(rows[0]) : null;
  }

  async deleteExpiredWebauthnChallenges(now: Date) {
    const rows = await this.db('webauthn_challenges')
      .where((w) => w.where('expires_at', '<=', now).orWhereNotNull('used_at'))
      .delete().returning('id');
    return rows.length;
  }
}

/**
 * The two-factor repository over a Latch {@link Storage}: pass the transaction's storage (`tx`)
 * inside a transaction, so every statement runs on it (PGlite has a single connection).
 * @example const store = twoFactorStore(tx); await store.consumeBackupCode(id, now);
 */
export function twoFactorStore(storage: Storage): TwoFactorStore {
  return new KnexTwoFactorStore(storage.db);
}
