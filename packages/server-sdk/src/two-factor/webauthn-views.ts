import { z } from 'zod';
import { named } from '../response-schemas.js';

// The JSON forms of WebAuthn options that @simplewebauthn/server issues, as the browser's
// `navigator.credentials` calls take them once their base64url members are decoded.

const userVerification = z.enum(['required', 'preferred', 'discouraged']);

/** A credential to allow or exclude; `id` is base64url. */
const credentialDescriptor = z.object({ id: z.string(), type: z.string(), transports: z.array(z.string()).optional() });

/** Client extension inputs that have a JSON form. */
const extensions = z.object({
  appid: z.string().optional(),
  credProps: z.boolean().optional(),
  hmacCreateSecret: z.boolean().optional(),
  minPinLength: z.boolean().optional(),
});

/** `POST /sign-in/passkey/options`: what `navigator.credentials.get` needs (challenge base64url). */
export const passkeyRequestOptionsSchema = named('PasskeyRequestOptions', z.object({
  challenge: z.string(),
  timeout: z.number().optional(),
  rpId: z.string().optional(),
  allowCredentials: z.array(credentialDescriptor).optional(),
  userVerification: userVerification.optional(),
  hints: z.array(z.enum(['hybrid', 'security-key', 'client-device'])).optional(),
  extensions: extensions.optional(),
}));

/** `POST /me/passkeys/options`: what `navigator.credentials.create` needs (challenge and user id base64url). */
export const passkeyCreationOptionsSchema = named('PasskeyCreationOptions', z.object({
  rp: z.object({ id: z.string().optional(), name: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  challenge: z.string(),
  pubKeyCredParams: z.array(z.object({ alg: z.number().int(), type: z.literal('public-key') })),
  timeout: z.number().optional(),
  excludeCredentials: z.array(credentialDescriptor).optional(),
  authenticatorSelection: z.object({
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    requireResidentKey: z.boolean().optional(),
    residentKey: z.enum(['required', 'preferred', 'discouraged']).optional(),
    userVerification: userVerification.optional(),
  }).optional(),
  hints: z.array(z.enum(['hybrid', 'security-key', 'client-device'])).optional(),
  attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']).optional(),
  attestationFormats: z.array(z.string()).optional(),
  extensions: extensions.optional(),
}));
