/** Invalid configuration found at start-up. Not a problem code: it never reaches a client. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
