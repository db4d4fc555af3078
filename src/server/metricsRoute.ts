import { registry } from "../audit/auditMetrics.js";
import type { Route } from "./httpServer.js";

/** `/metrics`: meshql's metrics in Prometheus' text format. */
export const metricsRoute: Route = async (_req, res) => {
  res.setHeader("content-type", registry.contentType);
  res.end(await registry.metrics());
};
