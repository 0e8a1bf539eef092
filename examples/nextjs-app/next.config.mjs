import { fileURLToPath } from 'node:url';

/** The repository root: npm workspaces install every package there. */
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Latch runs on the server as it is installed (native argon2, embedded PGlite): never bundled.
  serverExternalPackages: ['@latch/server-sdk'],
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
  poweredByHeader: false,
};

export default nextConfig;
