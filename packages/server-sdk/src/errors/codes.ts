import { defineErrors } from './define.js';

/** Codes of the HTTP layer itself: malformed requests, missing resources, limits and outages. */
export const requestErrors = defineErrors({
  bad_request: {
    status: 400, title: 'Bad request', message: 'The request could not be understood.',
    description: 'The body is not valid JSON.',
  },
  not_found: {
    status: 404, title: 'Not found', message: 'Not found.',
    description: 'No such resource, or not yours.',
  },
  method_not_allowed: {
    status: 405, title: 'Method not allowed', message: 'Method not allowed.',
    description: 'The path exists with other methods, listed in `Allow`.',
  },
  conflict: {
    status: 409, title: 'Conflict', message: 'The request conflicts with the current state.',
    description: 'The change would break an invariant (for example, removing the last administrator).',
  },
  payload_too_large: {
    status: 413, title: 'Payload too large', message: 'The request body is too large.',
    description: 'The body is over 64 KiB.',
  },
  unsupported_media_type: {
    status: 415, title: 'Unsupported media type', message: 'Send JSON (application/json).',
    description: 'A body that is not JSON.',
  },
  validation_failed: {
    status: 422, title: 'Validation failed', message: 'Some fields are missing or invalid.',
    description: 'Fields or query parameters are missing or malformed; `errors[]` lists them.',
  },
  rate_limited: {
    status: 429, title: 'Too many requests', message: 'Too many attempts. Please wait and try again.',
    description: 'Too many attempts; `Retry-After` (and `retryAfter` in the body) says when to try again.',
  },
  internal_error: {
    status: 500, title: 'Internal error', message: 'Something went wrong on the server.',
    description: 'Unexpected; logged with the request id. Never carries a detail, stack or SQL.',
  },
  body_already_read: {
    status: 500, title: 'Request body already read', message: 'The request body was read before it reached Latch.',
    description: 'The host app is misconfigured: a body parser mounted in front of Latch read the body without keeping it; the detail names the fix.',
  },
  service_unavailable: {
    status: 503, title: 'Service unavailable', message: 'The service is temporarily unavailable.',
    description: 'The database (or another dependency) is unreachable; safe to retry.',
  },
});

/** Codes about who is calling: sign-in, links, sessions, rights and cross-site checks. */
export const accessErrors = defineErrors({
  invalid_token: {
    status: 400, title: 'Invalid or expired link', message: 'This link is invalid or has expired.',
    description: 'An emailed link is unknown, used or expired (one code for all three).',
  },
  captcha_failed: {
    status: 400, title: 'Human check failed', message: 'The human check failed. Please try again.',
    description: 'The Turnstile token is missing or refused (also when siteverify is unreachable).',
  },
  unauthenticated: {
    status: 401, title: 'Unauthenticated', message: 'Sign-in required.',
    description: 'No valid credentials; answered with `WWW-Authenticate: Bearer`.',
  },
  invalid_credentials: {
    status: 401, title: 'Invalid credentials', message: 'The email or password is incorrect.',
    description: 'Wrong email or password — the same answer for unknown emails.',
  },
  challenge_expired: {
    status: 401, title: 'Sign-in attempt expired', message: 'The sign-in attempt has expired. Please sign in again.',
    description: 'The pending second-factor step is missing, used or expired.',
  },
  forbidden: {
    status: 403, title: 'Forbidden', message: 'You are not allowed to do this.',
    description: 'Authenticated but not allowed (role, scope, API key on a credential route); a missing scope is named in `requiredScopes` and an `insufficient_scope` challenge.',
  },
  csrf_rejected: {
    status: 403, title: 'Cross-site request rejected', message: 'The request came from an origin that is not trusted.',
    description: 'A write from an untrusted origin.',
  },
  reauthentication_required: {
    status: 403, title: 'Reauthentication required', message: 'Please confirm your password to continue.',
    description: 'A sensitive operation without fresh proof of presence (`password` or `code`).',
  },
  email_not_verified: {
    status: 403, title: 'Email not verified', message: 'Please verify your email address first.',
    description: 'Sign-in before verifying the address (only after a correct password).',
  },
  account_disabled: {
    status: 403, title: 'Account disabled', message: 'This account is disabled.',
    description: 'The account is disabled (only after a correct password).',
  },
  password_reset_required: {
    status: 403, title: 'Password reset required', message: 'This password can no longer be used to sign in. Choose a new one with "Forgot password".',
    description: 'The account was secured without a new password: the old one no longer signs in until it is reset (only after a correct password).',
  },
  sign_up_disabled: {
    status: 403, title: 'Sign-up disabled', message: 'Sign-up is by invitation only.',
    description: 'Sign-up is invite-only.',
  },
});

/** Codes about what a user registers: passwords, email addresses, second factors and keys. */
export const credentialErrors = defineErrors({
  invalid_code: {
    status: 400, title: 'Invalid code', message: 'The code is not valid.',
    description: 'A one-time or backup code is wrong, used or expired.',
  },
  invalid_passkey: {
    status: 400, title: 'Passkey not accepted', message: 'The passkey could not be verified.',
    description: 'A WebAuthn response did not verify.',
  },
  limit_reached: {
    status: 409, title: 'Limit reached', message: 'The limit has been reached.',
    description: 'A per-user cap (API keys, SSH keys, passkeys) is reached; `limit` says how many.',
  },
  duplicate_key: {
    status: 409, title: 'Duplicate key', message: 'This key is already registered.',
    description: 'The SSH key is registered already.',
  },
  email_taken: {
    status: 409, title: 'Email taken', message: 'This email address is already in use.',
    description: 'The address belongs to another account (only when confirming a change).',
  },
  weak_password: {
    status: 422, title: 'Weak password', message: 'This password is too easy to guess.',
    description: 'Refused by the password policy; `reasons[]` gives each reason as a stable code (`min_length`, `common`, `breached`…) and `messages[]` the same reasons as sentences, in the same order.',
  },
  password_reused: {
    status: 422, title: 'Password reused', message: 'Choose a password different from the current one.',
    description: 'The new password equals the current one.',
  },
  invalid_scope: {
    status: 422, title: 'Invalid scope', message: 'One or more scopes are not allowed.',
    description: 'An unknown scope, or one above your rights.',
  },
  invalid_ssh_key: {
    status: 422, title: 'Invalid SSH key', message: 'This is not an acceptable SSH public key.',
    description: 'Not an acceptable SSH public key (a private key, garbage, DSA, short RSA).',
  },
});
