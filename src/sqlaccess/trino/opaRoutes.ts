import type { IncomingMessage, ServerResponse } from "node:http";
import type { Route } from "../../server/httpServer.js";
import { sendJson } from "../../server/httpServer.js";
import type { OpaDecisionPoint, OpaInput } from "./opaDecisionPoint.js";

// Bodies from Trino are small documents; anything larger is not one.
const MAX_BODY = 1024 * 1024;

async function readInput(req: IncomingMessage): Promise<OpaInput> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error("request body too large"), { status: 413 });
    chunks.push(chunk);
  }
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { input?: OpaInput };
  if (!body || typeof body !== "object" || typeof body.input !== "object") throw Object.assign(new Error("the body must be {\"input\": {…}}"), { status: 400 });
  return body.input;
}

/** A route answering OPA's data API shape, `{"input": …}` in and `{"result": …}` out. */
const decide =
  (answer: (input: OpaInput) => Promise<unknown>): Route =>
  async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST") return sendJson(res, 405, { code: "method_not_allowed", message: "POST an {\"input\": …} document" });
    let input: OpaInput;
    try {
      input = await readInput(req);
    } catch (error) {
      return sendJson(res, (error as { status?: number }).status ?? 400, { code: "invalid_parameter", message: (error as Error).message });
    }
    sendJson(res, 200, { result: await answer(input) });
  };

/**
 * The decision point's routes, named for the plugin's settings:
 * opa.policy.uri=…/opa/allow, opa.policy.batched-uri=…/opa/batch,
 * opa.policy.row-filters-uri=…/opa/row-filters, opa.policy.batch-column-masking-uri=…/opa/column-masks
 * (or opa.policy.column-masking-uri=…/opa/column-mask).
 */
export const opaRoutes = (point: OpaDecisionPoint): Record<string, Route> => ({
  "/opa/allow": decide((input) => point.allow(input)),
  "/opa/batch": decide((input) => point.batch(input)),
  "/opa/row-filters": decide((input) => point.rowFilters(input)),
  "/opa/column-masks": decide((input) => point.columnMasks(input)),
  "/opa/column-mask": decide((input) => point.columnMask(input)),
});
