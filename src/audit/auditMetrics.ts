import { Counter, Gauge, Registry } from "prom-client";

/** meshql's metrics, served at /metrics in Prometheus' text format. */
export const registry = new Registry();

export const auditMetrics = {
  buffered: new Gauge({ name: "meshql_audit_buffered_events", help: "Audit events waiting to be written", registers: [registry] }),
  written: new Counter({ name: "meshql_audit_written_events_total", help: "Audit events written to the platform store", registers: [registry] }),
  failedWrites: new Counter({ name: "meshql_audit_failed_writes_total", help: "Batches the platform store did not take", registers: [registry] }),
  dropped: new Counter({ name: "meshql_audit_dropped_events_total", help: "Audit events lost to a full buffer", registers: [registry] }),
};
