import { z } from 'zod';
import { kindPattern } from '../kinds.js';

/** One configured record kind. */
const kindSchema = z.object({
  label: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters long')
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')
    .describe('What the components show for the kind (`Clinicians`).'),
}).strict();

/** The `kinds` setting. */
export const kindsSchema = z.record(z.string(), kindSchema).superRefine((kinds, ctx) => {
  // Checked here rather than on the record's key, so the message names the refused kind.
  for (const name of Object.keys(kinds)) {
    if (!kindPattern.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'is not a kind name: use lower-case letters, digits, _ and -, starting with a letter (at most 40)' });
  }
}).default({}).meta({
  description: 'The record kinds accounts and organization members may have, by name, each with its `label` (`{ employee: { label: \'Employees\' }, clinician: { label: \'Clinicians\' } }`). When set, a kind given anywhere (admin create and change, import, organization invitations and members) must be `user` or one of these (otherwise 422 `validation_failed`); `GET /config` lists them. Empty: any kind of the name pattern is accepted.',
  docType: '{ [name]: { label } }',
  docDefault: '`{}`: free-form kinds',
});

/** The `kinds` setting as `createLatch` accepts it. */
export type KindsConfig = z.input<typeof kindsSchema>;
