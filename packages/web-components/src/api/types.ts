/** Shapes of the Latch HTTP API (see the HTTP contract) that the components read. */

/** A second-factor method a sign-in can be completed with. */
export type SecondFactorMethod = 'totp' | 'email' | 'backup_code' | 'passkey';

/** The signed-in user, as the server describes it. */
export interface User {
  id: string;
  email: string;
  emailVerified: boolean;
  displayName: string;
  roles: string[];
  kind?: string | null;
  createdAt: string;
}

/** `GET /config`: the public settings the components need. */
export interface PublicConfig {
  signUp: 'open' | 'invite-only';
  turnstileSiteKey?: string;
  passwordPolicy: { minLength: number; maxLength?: number; minScore?: number; requireComposition?: boolean };
  secondFactors: SecondFactorMethod[];
  passkeys: boolean;
  idleTimeoutSeconds: number;
  apiKeyScopes?: string[];
}

/** The second factors a user has, from `GET /me`. */
export interface TwoFactorSummary {
  totp: boolean;
  email: boolean;
  passkeys: number;
  backupCodesRemaining: number;
  /** Present (true) when the user's role requires a second factor they have not set up yet. */
  setupRequired?: boolean;
}

/** `GET /me`. */
export interface Me {
  user: User;
  session: { id: string; expiresAt: string } | null;
  twoFactor: TwoFactorSummary;
}

/** A completed sign-in. */
export interface SignedIn {
  user: User;
  session: { id: string; expiresAt: string };
}

/** A sign-in that waits for its second step. */
export interface TwoFactorRequired {
  twoFactorRequired: true;
  methods: SecondFactorMethod[];
}

/** What the endpoints that can sign a person in answer. */
export type SignInResult = SignedIn | TwoFactorRequired;

/** `POST /password/check`: the server's own policy applied to a candidate password. */
export interface PasswordCheck {
  ok: boolean;
  /** 0 (trivial) to 4 (strong). */
  score: number;
  reasons: string[];
  suggestions: string[];
}

/** One login session of the user (`GET /me/sessions`). */
export interface SessionInfo {
  id: string;
  current: boolean;
  createdAt: string;
  lastActiveAt: string | null;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  browser: string | null;
  os: string | null;
}

/** One API key (`GET /me/api-keys`); never the secret. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  usageCount: number;
}

/** One SSH public key (`GET /me/ssh-keys`). */
export interface SshKeyInfo {
  id: string;
  name: string;
  type: string;
  fingerprint: string;
  comment: string | null;
  createdAt: string;
}

/** One passkey (`GET /me/passkeys`). */
export interface PasskeyInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** One security event (`GET /me/activity`). */
export interface ActivityEvent {
  id: string;
  type: string;
  at: string;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown>;
}

/** A paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/** `POST /me/two-factor/totp/setup`. */
export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}
