/** A setting the collector cannot start with: the message names the variable, its value and what is allowed. */
export class ConfigError extends Error {}
