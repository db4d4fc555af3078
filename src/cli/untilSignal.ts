import { logger } from "../server/logger.js";

/**
 * On SIGTERM or SIGINT: stop taking requests, let in-flight ones finish, close stores, exit 0.
 * Closers run in order: servers first, then what they use.
 */
export function closeOnSignal(closers: (() => Promise<void>)[]): void {
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "draining");
    for (const closer of closers) await closer().catch((error) => logger.error({ err: error }, "while closing"));
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void close("SIGTERM"));
  process.once("SIGINT", () => void close("SIGINT"));
}
