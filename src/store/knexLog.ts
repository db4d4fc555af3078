import { logger } from "../server/logger.js";

/**
 * knex's own messages, as one log line each rather than text and a stack on the console. A failed
 * connection is reported by meshql where it matters (a request's STORE_UNAVAILABLE, a store that
 * cannot be used at start), so knex's own line for it is only worth a debug entry.
 */
export const knexLog = (store: string) => {
  const firstLine = (message: unknown) => String(message).split("\n", 1)[0];
  return {
    warn(message: unknown) {
      const text = firstLine(message);
      if (text.startsWith("Acquire connection error")) logger.debug({ store }, text);
      else logger.warn({ store }, text);
    },
    error: (message: unknown) => logger.error({ store }, firstLine(message)),
    deprecate: (method: unknown, alternative: unknown) => logger.warn({ store }, `knex: ${String(method)} is deprecated; use ${String(alternative)}`),
    debug: () => {},
  };
};
