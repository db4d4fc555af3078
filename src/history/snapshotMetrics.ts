import { Counter, Gauge } from "prom-client";
import { registry } from "../audit/auditMetrics.js";

/** Snapshots taken and failed, and when each product's last one succeeded. */
export const snapshotMetrics = {
  taken: new Counter({ name: "meshql_snapshots_total", help: "Snapshots of a product, by outcome (ok or failed)", labelNames: ["product", "outcome"], registers: [registry] }),
  lastSuccess: new Gauge({ name: "meshql_snapshot_last_success_timestamp_seconds", help: "When a product's last snapshot succeeded", labelNames: ["product"], registers: [registry] }),
};
