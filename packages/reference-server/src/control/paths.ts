import { join } from 'node:path';

/**
 * Where a server's control channel lives: a private folder (0700) in the data folder holding the
 * Unix socket and a bearer token made at each start (0600). Only the account that runs the server
 * (and root) can open either.
 */
export function controlPaths(dataDir: string): { dir: string; socket: string; token: string } {
  const dir = join(dataDir, 'run');
  return { dir, socket: join(dir, 'control.sock'), token: join(dir, 'control.token') };
}

/** Unix socket paths are limited to 107 bytes on Linux (103 on macOS). */
export const maxSocketPathBytes = 103;
