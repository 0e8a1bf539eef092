/** The Latch reference server: a Koa app around @latch/server-sdk and @latch/web-components. */
export { createApp } from './app.js';
export type { AppOptions } from './app.js';
export { startServer } from './server.js';
export type { RunningServer, StartServerOptions } from './server.js';
export { readSettings, EnvError } from './env.js';
export type { ServerSettings } from './env.js';
export { createMetrics } from './metrics.js';
export { pages } from './routes/pages.js';
