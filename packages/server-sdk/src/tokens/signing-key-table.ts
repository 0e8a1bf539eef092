import type { Knex } from 'knex';
import type { Row } from '../storage/knex/rows.js';
import type { StoreKey } from '../storage/storage.js';

/** A stored signing key as the table holds it (the private half sealed). */
export interface SigningKeyRow {
  kid: string;
  generation: number;
  alg: string;
  publicJwk: string;
  privateJwkSealed: string;
  createdAt: Date;
  activatesAt: Date;
}

/** The `signing_keys` table: insert-if-absent per generation, so concurrent processes race safely. */
export class SigningKeyTable {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Every key's row, oldest generation first. */
  async all<T = Row>(): Promise<T[]> {
    return this.db('signing_keys').orderBy('generation', 'asc');
  }

  /** Inserts the key unless its generation exists; true when this call inserted it. */
  async insertIfAbsent(key: SigningKeyRow): Promise<boolean> {
    const inserted = await this.db('signing_keys').insert({
      kid: key.kid, generation: key.generation, alg: key.alg, public_jwk: key.publicJwk,
      private_jwk_sealed: key.privateJwkSealed, created_at: key.createdAt, activates_at: key.activatesAt,
    }).onConflict('generation').ignore().returning('kid');
    return inserted.length > 0;
  }

  async delete(kids: string[]): Promise<void> {
    await this.db('signing_keys').whereIn('kid', kids).delete();
  }
}

/** The signing-key store of a storage. */
export const signingKeyTable: StoreKey<SigningKeyTable> = { name: 'signing-keys', create: (db) => new SigningKeyTable(db) };
