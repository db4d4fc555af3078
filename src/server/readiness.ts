import type { Knex } from "knex";
import type { Route } from "./httpServer.js";
import { sendJson } from "./httpServer.js";
import { logger } from "./logger.js";

/** Resolves to undefined when the check passes within `ms`, else to why not. */
export async function probe(check: () => Promise<unknown>, ms = 2000): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    clearTimeout(timer);
  }
}

export const storeProbe = (knex: Knex) => () => knex.raw("select 1");

/** `/health`: the process answers. `/ready`: every named dependency answers too (503 if not). */
export function healthRoutes(dependencies: () => Record<string, () => Promise<unknown>>): Record<string, Route> {
  return {
    "/health": (_req, res) => sendJson(res, 200, { status: "ok" }),
    "/ready": async (_req, res) => {
      const checks = Object.entries(dependencies());
      const results = await Promise.all(
        checks.map(async ([name, check]) => {
          const failure = await probe(check);
          // The reason is for the operators' logs; callers of /ready need not see driver messages.
          if (failure) logger.warn({ dependency: name, reason: failure }, "not ready");
          return [name, failure ? "unavailable" : "ok"] as const;
        }),
      );
      const ready = results.every(([, result]) => result === "ok");
      sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "unavailable", checks: Object.fromEntries(results) });
    },
  };
}
