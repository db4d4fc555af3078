import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/audit/AuditEvent.js";
import { AuditLog, type AuditSink } from "../../src/audit/AuditLog.js";
import { registry } from "../../src/audit/auditMetrics.js";

const event = (n: number): AuditEvent => ({ at: new Date(), domain: "crm", requestId: `r${n}`, products: [], fields: [], policies: [], rows: n, durationMs: 1, outcome: "ok" });

/** A sink that can be taken down and brought back. */
function flakySink() {
  const written: AuditEvent[] = [];
  let down = false;
  const sink: AuditSink = {
    async write(events) {
      if (down) throw new Error("platform store unavailable");
      written.push(...events);
    },
  };
  return { sink, written, setDown: (value: boolean) => void (down = value) };
}

const metric = async (name: string) => (await registry.getSingleMetricAsString(name)).split("\n").filter((l) => !l.startsWith("#")).map((l) => Number(l.split(" ").pop()))[0];

describe("the audit log", () => {
  it("writes every event in batches, off the request path", async () => {
    const { sink, written } = flakySink();
    const log = new AuditLog(sink, { batchSize: 50, flushIntervalMs: 5 });
    for (let i = 0; i < 120; i++) log.record(event(i));
    await log.close();
    expect(written.map((e) => e.requestId)).toEqual(Array.from({ length: 120 }, (_, i) => `r${i}`));
  });

  it("keeps events while the platform store is down and writes them all when it is back", async () => {
    const { sink, written, setDown } = flakySink();
    const log = new AuditLog(sink, { batchSize: 10, flushIntervalMs: 5, maxBuffered: 1000 });
    const failedBefore = await metric("meshql_audit_failed_writes_total");
    setDown(true);
    for (let i = 0; i < 300; i++) log.record(event(i));
    await log.flush();
    expect(written).toHaveLength(0);
    expect(log.pending).toBe(300);
    expect(await metric("meshql_audit_buffered_events")).toBe(300);
    expect(await metric("meshql_audit_failed_writes_total")).toBeGreaterThan(failedBefore);
    setDown(false);
    expect(await log.close()).toBe(0);
    expect(written.map((e) => e.requestId)).toEqual(Array.from({ length: 300 }, (_, i) => `r${i}`));
  });

  it("past its bound, drops the oldest with a metric when audit is optional", async () => {
    const { sink, written, setDown } = flakySink();
    const log = new AuditLog(sink, { maxBuffered: 5, flushIntervalMs: 5 });
    const droppedBefore = await metric("meshql_audit_dropped_events_total");
    setDown(true);
    for (let i = 0; i < 8; i++) log.record(event(i));
    expect(log.accepting).toBe(true);
    expect(await metric("meshql_audit_dropped_events_total")).toBe(droppedBefore + 3);
    setDown(false);
    await log.close();
    expect(written.map((e) => e.requestId)).toEqual(["r3", "r4", "r5", "r6", "r7"]);
  });

  it("when audit is mandatory, stops accepting requests instead of losing events", async () => {
    const { sink, setDown } = flakySink();
    const log = new AuditLog(sink, { maxBuffered: 3, mandatory: true, flushIntervalMs: 5 });
    setDown(true);
    for (let i = 0; i < 3; i++) log.record(event(i));
    expect(log.accepting).toBe(false);
    setDown(false);
    await log.close();
    expect(log.accepting).toBe(true);
  });
});

/** A sink whose every write waits for `release()`; what it wrote, batch by batch. */
function slowSink() {
  const batches: string[][] = [];
  let release: () => void = () => {};
  const sink: AuditSink = {
    async write(events) {
      await new Promise<void>((r) => (release = r));
      batches.push(events.map((e) => e.requestId!));
    },
  };
  return { sink, batches, release: () => release() };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the audit log under concurrent writes", () => {
  it("events recorded while a batch is being written are never dropped in its place", async () => {
    const slow = slowSink();
    const log = new AuditLog(slow.sink, { maxBuffered: 2, batchSize: 2, flushIntervalMs: 1 });
    log.record(event(1));
    log.record(event(2)); // a full batch: its write starts and waits
    await tick(5);
    log.record(event(3));
    log.record(event(4));
    slow.release();
    await tick(5);
    slow.release();
    await log.close(1000);
    expect(slow.batches.flat()).toEqual(["r1", "r2", "r3", "r4"]);
  });

  it("under load, writes full batches and leaves the few events that arrive meanwhile to the timer", async () => {
    const slow = slowSink();
    const log = new AuditLog(slow.sink, { batchSize: 10, flushIntervalMs: 20 });
    for (let i = 0; i < 10; i++) log.record(event(i)); // a full batch: its write starts and waits
    for (let i = 10; i < 13; i++) log.record(event(i));
    slow.release();
    await tick(5);
    expect(slow.batches.map((b) => b.length)).toEqual([10]); // not a batch of 3 straight after it
    expect(log.pending).toBe(3);
    await tick(30);
    slow.release();
    await log.close(1000);
    expect(slow.batches.map((b) => b.length)).toEqual([10, 3]);
  });

  it("under load, the timer's flush writes what was buffered, not an insert for each few events that arrive during its writes", async () => {
    const slow = slowSink();
    const log = new AuditLog(slow.sink, { batchSize: 10, flushIntervalMs: 20 });
    for (let i = 0; i < 4; i++) log.record(event(i));
    await tick(30); // the timer's flush starts writing the 4
    log.record(event(4));
    log.record(event(5));
    slow.release();
    await tick(5);
    expect(slow.batches.map((b) => b.length)).toEqual([4]); // not a batch of 2 straight after it
    expect(log.pending).toBe(2);
    await tick(30); // the next timer writes them
    slow.release();
    await log.close(1000);
    expect(slow.batches.map((b) => b.length)).toEqual([4, 2]);
  });

  it("a flush during a drain of full batches writes the rest too", async () => {
    const slow = slowSink();
    const log = new AuditLog(slow.sink, { batchSize: 2, flushIntervalMs: 60_000 });
    for (let i = 0; i < 3; i++) log.record(event(i));
    const flushed = log.flush();
    slow.release();
    await tick(5);
    slow.release();
    await flushed;
    expect(slow.batches.flat()).toEqual(["r0", "r1", "r2"]);
    expect(log.pending).toBe(0);
  });
});
