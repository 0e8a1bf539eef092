import { z } from 'zod';
import { defineRoute, json, type AnyRoute } from '../core/route.js';
import type { Services } from '../core/services.js';
import { named } from '../response-schemas.js';
import { importSkipReasons, importUsers, importUsersBodySchema, maxImportBatch } from './import.js';

/**
 * The largest import body: 1,000 rows with hashes (a Firebase one with its salt is about 250
 * bytes) fit with room to spare; every other route keeps the pipeline's 64 KiB.
 */
export const importBodyLimitBytes = 1024 * 1024;

/** What an import call did (`POST /admin/users/import`). */
export const importUsersAnswer = named('UserImport', z.object({
  /** Accounts created. */
  created: z.number().int(),
  /** Rows not created, in row order, each with its reason. */
  skipped: z.array(z.object({
    index: z.number().int(),
    email: z.string(),
    reason: z.enum(importSkipReasons),
    message: z.string(),
  })),
  /** Created accounts without a hash that were sent a set-password link. */
  invited: z.number().int(),
}));

/** `POST /admin/users/import`: super_admin only, up to 1,000 accounts a call, one transaction. */
export function importUsersRoute(services: Services): AnyRoute {
  return defineRoute({
    method: 'POST', path: '/admin/users/import', tag: 'Administration', auth: 'session', roles: ['super_admin'],
    summary: `Imports up to ${maxImportBatch.toLocaleString('en')} accounts from another system (super_admin only). Existing emails and invalid rows are skipped with a reason; `
      + 'argon2id, argon2i, bcrypt, scrypt, PBKDF2-SHA256 and Firebase scrypt hashes are kept and replaced by argon2id at the next sign-in; '
      + 'accounts without a hash get a set-password link when `sendInvitations` is true',
    body: importUsersBodySchema,
    maxBodyBytes: importBodyLimitBytes,
    response: importUsersAnswer,
    responses: { 200: '`{ created, skipped: [{ index, email, reason, message }], invited }`' },
    errors: ['forbidden'],
    handler: async ({ caller, body, ctx }) => json(200, await importUsers(services, { ...body, actor: caller.user }, ctx)),
  });
}
