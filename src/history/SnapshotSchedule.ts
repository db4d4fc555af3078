import { logger } from "../server/logger.js";
import type { Subgraph } from "../server/Subgraph.js";
import { snapshotted } from "./historyColumns.js";
import type { HistoryLocation } from "./historyLocation.js";
import { snapshotMetrics } from "./snapshotMetrics.js";
import { takeSnapshot } from "./takeSnapshot.js";

/** Waits before retrying a failed snapshot; after the last, the next is at its usual time. */
const RETRIES_MS = [1_000, 10_000, 60_000];

/** Timers hold no process open; at most this long between checks, so a long interval still wakes. */
const MAX_WAIT_MS = 60 * 60_000;

/**
 * Takes a domain's snapshots on schedule: each snapshotted product when its interval has passed
 * since its last snapshot (at once, if it has none), those due together in one transaction. A
 * failed snapshot leaves nothing behind (see takeSnapshot), is logged, counted in /metrics and
 * retried after 1 s, 10 s and 1 min.
 */
export class SnapshotSchedule {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running?: Promise<void>;
  private failures = 0;

  constructor(
    private readonly subgraph: Subgraph,
    private readonly location: HistoryLocation,
    /** The clock, for tests. */
    private readonly now = () => Date.now(),
  ) {}

  start(): void {
    if (snapshotted(this.subgraph.domain).length) this.wake(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private wake(inMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      // tick() handles its own failures: it never rejects.
      this.running = this.tick();
    }, Math.min(inMs, MAX_WAIT_MS));
    this.timer.unref();
  }

  /** Takes what is due, then sleeps until the next product is. */
  private async tick(): Promise<void> {
    const { domain, store } = this.subgraph;
    const products = snapshotted(domain);
    const due: string[] = [];
    let next = Infinity;
    try {
      for (const product of products) {
        const { last } = await this.subgraph.snapshots.coverage(product);
        const dueAt = last ? Date.parse(last) + product.snapshots.every : this.now();
        if (dueAt <= this.now()) due.push(product.name);
        else next = Math.min(next, dueAt - this.now());
      }
      if (due.length) {
        const taken = await takeSnapshot(store.knex, store.dialect, domain, this.location, { products: due });
        for (const t of taken) {
          const product = `${domain.info.name}.${t.product}`;
          snapshotMetrics.taken.inc({ product, outcome: "ok" });
          snapshotMetrics.lastSuccess.set({ product }, this.now() / 1000);
          logger.info({ product, inserted: t.inserted, closed: t.closed }, "snapshot taken");
        }
        const every = Math.min(...products.filter((p) => due.includes(p.name)).map((p) => p.snapshots.every));
        next = Math.min(next, every);
      }
      this.failures = 0;
      this.wake(next === Infinity ? MAX_WAIT_MS : next);
    } catch (error) {
      for (const name of due) snapshotMetrics.taken.inc({ product: `${domain.info.name}.${name}`, outcome: "failed" });
      const retry = RETRIES_MS[this.failures++];
      logger.error({ domain: domain.info.name, products: due, err: error, retryInMs: retry }, "snapshot failed; nothing of it was written");
      if (retry === undefined) this.failures = 0;
      this.wake(retry ?? Math.min(...products.map((p) => p.snapshots.every)));
    }
  }
}
