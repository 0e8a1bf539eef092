/** Passkeys: registered WebAuthn credentials, each credential id held by one account. */

/** A registered WebAuthn credential. */
export interface PasskeyRecord {
  id: string;
  userId: string;
  /** base64url credential id, unique across users. */
  credentialId: string;
  /** base64url COSE public key. */
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: string | null;
  backedUp: boolean;
  aaguid: string | null;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A passkey to store (its id and last use are set by the database). */
export type NewPasskey = Omit<PasskeyRecord, 'id' | 'lastUsedAt'>;

/**
 * The passkeys. The unique credential id decides registration races and the counter moves by
 * compare-and-set, so one assertion counts once.
 */
export interface PasskeyStore {
  countPasskeys(userId: string): Promise<number>;
  /** The user's passkeys, oldest first. */
  listPasskeys(userId: string): Promise<PasskeyRecord[]>;
  findPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;
  /** Inserts a passkey; null (and nothing changes, the transaction stays usable) when its credential id is already registered. */
  insertPasskey(passkey: NewPasskey): Promise<PasskeyRecord | null>;
  /** Renames one of the user's passkeys; null when it is not theirs or gone. */
  renamePasskey(userId: string, id: string, name: string): Promise<PasskeyRecord | null>;
  /** Deletes one of the user's passkeys and returns it; null when it is not theirs or gone. */
  deletePasskey(userId: string, id: string): Promise<PasskeyRecord | null>;
  /** Deletes every passkey of the user; returns how many. */
  deletePasskeys(userId: string): Promise<number>;
  /** Moves the signature counter from `expected` to `next`; false when another use got there first. */
  advancePasskeyCounter(id: string, expected: number, next: number, now: Date): Promise<boolean>;
}
