import type { AuditEvent } from "./AuditEvent.js";
import { auditMetrics } from "./auditMetrics.js";
import { logger } from "../server/logger.js";

export interface AuditSink {
  write(events: AuditEvent[]): Promise<void>;
}

export interface AuditLogOptions {
  /** Events held while the platform store is slow or down; past it, see `mandatory`. */
  maxBuffered?: number;
  batchSize?: number;
  flushIntervalMs?: number;
  /** Refuse requests rather than lose events when the buffer is full. */
  mandatory?: boolean;
}

/**
 * Audit events written off the request path, in batches. While the platform store is down they
 * wait in a bounded buffer and are retried; a full buffer drops the oldest (counted and logged),
 * or, when audit is mandatory, makes `accepting` false so requests are refused.
 */
export class AuditLog {
  private buffer: AuditEvent[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private degraded = false;
  readonly maxBuffered: number;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  readonly mandatory: boolean;

  constructor(
    private readonly sink: AuditSink,
    options: AuditLogOptions = {},
  ) {
    this.maxBuffered = options.maxBuffered ?? 10_000;
    this.batchSize = options.batchSize ?? 200;
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    this.mandatory = options.mandatory ?? false;
  }

  /** False when audit is mandatory and one more event could not be kept. */
  get accepting(): boolean {
    return !this.mandatory || this.buffer.length < this.maxBuffered;
  }

  get pending(): number {
    return this.buffer.length;
  }

  record(event: AuditEvent): void {
    this.buffer.push(event);
    this.trim(); // sets the buffered gauge too
    if (this.buffer.length >= this.batchSize) void this.drain(false);
    else this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs).unref();
  }

  /**
   * Writes what is buffered; resolves when that is written (events recorded meanwhile wait for a
   * full batch or the timer) or the store refused a batch.
   */
  async flush(): Promise<void> {
    // A drain may be under way: this one writes what is left after it.
    const underWay = this.flushing;
    if (underWay) {
      await underWay;
      if (this.degraded || this.buffer.length === 0) return;
    }
    await this.drain(true);
  }

  /** Flushes, retrying a store that is down until `timeoutMs`; says how many events were left. */
  async close(timeoutMs = 10_000): Promise<number> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const deadline = Date.now() + timeoutMs;
    while (this.buffer.length > 0 && Date.now() < deadline) {
      await this.flush();
      if (this.buffer.length > 0) await new Promise((r) => setTimeout(r, 200));
    }
    if (this.buffer.length > 0) logger.error({ left: this.buffer.length }, "audit events could not be written before shutdown");
    return this.buffer.length;
  }

  /**
   * Past the bound, optional audit drops the oldest events (counted and logged). Mandatory audit
   * never drops: it stops `accepting`, and events of requests already admitted are still kept.
   */
  private trim(): void {
    const excess = this.buffer.length - this.maxBuffered;
    if (excess > 0 && !this.mandatory) {
      this.buffer.splice(0, excess);
      auditMetrics.dropped.inc(excess);
      logger.error({ dropped: excess, maxBuffered: this.maxBuffered }, "audit buffer full: the oldest events were dropped");
    }
    auditMetrics.buffered.set(this.buffer.length);
  }

  /**
   * Full batches are written at once; a flush (`all`) also writes the events buffered when it
   * starts. Whatever arrives during the drain waits for a full batch or the timer. Under load,
   * events arrive while a batch is being written: writing them straight after it would send one
   * small insert per round trip, and each insert costs the platform store about as much as a
   * batch of 200.
   */
  private drain(all: boolean): Promise<void> {
    this.flushing ??= this.writeBatches(all ? this.buffer.length : 0).finally(() => {
      this.flushing = undefined;
      if (this.buffer.length > 0) this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs).unref();
    });
    return this.flushing;
  }

  /** Writes full batches, and batches until `owed` events have been written. */
  private async writeBatches(owed: number): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.buffer.length >= this.batchSize || (owed > 0 && this.buffer.length > 0)) {
      // Taken out while written, so nothing recorded meanwhile can be dropped in its place.
      const batch = this.buffer.splice(0, this.batchSize);
      owed -= batch.length;
      try {
        await this.sink.write(batch);
      } catch (error) {
        this.buffer.unshift(...batch);
        this.trim();
        auditMetrics.failedWrites.inc();
        if (!this.degraded) logger.error({ err: error, buffered: this.buffer.length }, "the platform store refused audit events; keeping them to retry");
        this.degraded = true;
        this.timer ??= setTimeout(() => void this.flush(), 1000).unref();
        return;
      }
      auditMetrics.written.inc(batch.length);
      auditMetrics.buffered.set(this.buffer.length);
      if (this.degraded) logger.info({ buffered: this.buffer.length }, "the platform store takes audit events again");
      this.degraded = false;
    }
  }
}
