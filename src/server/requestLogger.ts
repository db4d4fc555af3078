import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { immediatePlugin } from "./immediatePlugin.js";
import { logger } from "./logger.js";

/** One JSON log line per operation, carrying the request id the gateway forwards. */
export function requestLogger<Context extends BaseContext & { requestId?: string }>(component: string): ApolloServerPlugin<Context> {
  return immediatePlugin<Context>({
    willSendResponse({ contextValue, operationName, errors, response }, started) {
      // Under LOG_LEVEL=warn or above, nothing to build.
      if (!logger.isLevelEnabled("info")) return;
      const body = response.body.kind === "single" ? response.body.singleResult : undefined;
      const failures = errors ?? body?.errors ?? [];
      logger.info(
        {
          component,
          requestId: contextValue.requestId,
          operationName: operationName ?? undefined,
          durationMs: Math.round(performance.now() - started),
          errors: failures.length || undefined,
          codes: failures.length ? [...new Set(failures.map((e) => e.extensions?.code))] : undefined,
        },
        "operation",
      );
    },
  });
}
