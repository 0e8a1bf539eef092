import { z } from 'zod';

/** The `sshKeys` section. */
export const sshKeysSchema = z.object({
  maxPerUser: z.number().int().min(1).default(3).describe('Most keys per user.'),
}).describe('SSH public keys (the ssh-keys feature).');

/** The ssh-keys feature's top-level section, for the composed configuration. */
export const sshKeysConfigShape = {
  sshKeys: sshKeysSchema.prefault({}),
};

/** The `sshKeys` section as `createLatch` accepts it. */
export type SshKeyConfig = z.input<typeof sshKeysSchema>;

declare module '../core/config.js' {
  interface FeatureConfigs {
    sshKeys: z.output<typeof sshKeysSchema>;
  }
}
