/** Raised for any unusable setting; the message is one line that names the variable and what it accepts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
