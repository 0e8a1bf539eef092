import { z } from 'zod';
import { secondFactorMethodSchema, secondFactorSummarySchema } from '../core/second-factor.js';
import { named, pageOf } from '../response-schemas.js';
import { sessionRefSchema, signedInSchema, twoFactorRequiredSchema } from './sign-in-result.js';
import { activityEventSchema, publicUserSchema } from './view.js';

/** `GET /config`: the public settings the components need. */
export const publicConfigSchema = named('PublicConfig', z.object({
  signUp: z.enum(['open', 'invite-only']),
  /** Present when sign-up, sign-in and reset forms must show a Turnstile widget. */
  turnstileSiteKey: z.string().optional(),
  passwordPolicy: z.object({
    minLength: z.number().int(),
    maxLength: z.number().int(),
    minScore: z.number().int(),
    requireComposition: z.boolean(),
  }),
  /** The second factors a user can set up here (empty without the two-factor feature). */
  secondFactors: z.array(secondFactorMethodSchema),
  passkeys: z.boolean(),
  idleTimeoutSeconds: z.number().int(),
  /** The scopes an API key may be given. */
  apiKeyScopes: z.array(z.string()),
  /** The record kinds configured (`kinds`), with the label to show; empty when kinds are free-form. `user` is always allowed too. */
  kinds: z.array(z.object({ name: z.string(), label: z.string() })),
  /** The platform roles the host configured (`roles`), in configuration order, with the label to show and their permissions; the built-in roles are not listed. */
  roles: z.array(z.object({ name: z.string(), label: z.string(), permissions: z.array(z.string()) })),
  /** With the organizations feature: who may create organizations, and every role (built-in and configured), highest rank first. */
  organizations: z.object({
    creation: z.enum(['anyone', 'admins']),
    roles: z.array(z.object({ name: z.string(), rank: z.number().int(), permissions: z.array(z.string()) })),
  }).optional(),
  /** The installed features (`two-factor`, `api-keys`, `ssh-keys`, `access-tokens`, `admin`, or a host's own), so clients show only what works here. */
  features: z.array(z.string()),
}));

/** `GET /me`: the caller, its session (null for an API key or access token) and its second factors. */
export const meSchema = named('Me', z.object({
  user: publicUserSchema,
  session: sessionRefSchema.nullable(),
  twoFactor: secondFactorSummarySchema,
  /** The organization this session works in and the user's role there (`POST /me/active-organization`); null when none. */
  activeOrganization: z.object({ id: z.string(), name: z.string(), slug: z.string(), role: z.string() }).nullable(),
}));

/** An answer that carries the (changed) user: `{ user }`. */
export const userAnswerSchema = named('UserAnswer', z.object({ user: publicUserSchema }));

/**
 * `POST /verify-email` from a browser signed in as another account: the address is verified and
 * that other session is kept (no new session).
 */
export const verifiedSessionKeptSchema = named('VerifiedSessionKept', z.object({ user: publicUserSchema, signedIn: z.literal(false) }));

/** What `POST /verify-email` answers: a sign-in, a second-factor challenge, or the other session kept. */
export const verifyEmailResultSchema = named('VerifyEmailResult', z.union([signedInSchema, twoFactorRequiredSchema, verifiedSessionKeptSchema]));

/** `GET /me/activity`. */
export const activityPageSchema = pageOf(activityEventSchema);
