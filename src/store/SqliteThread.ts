import { Worker } from "node:worker_threads";
import { DeadlineExceeded } from "../execute/DeadlineExceeded.js";
import type { ResultMessage } from "./sqliteWorker.js";

interface Job {
  id: number;
  sql: string;
  bindings: unknown[];
  deadline?: number;
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

// Under tsx or vitest this module is TypeScript and so is its worker, which tsx then loads.
const typescript = import.meta.url.endsWith(".ts");
const WORKER = new URL(typescript ? "./sqliteWorker.ts" : "./sqliteWorker.js", import.meta.url);
const newWorker = (workerData: unknown) =>
  typescript
    ? new Worker(`import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(WORKER.href)}, ${JSON.stringify(import.meta.url)}))`, {
        eval: true,
        workerData,
      })
    : new Worker(WORKER, { workerData });

/**
 * A SQLite store's statements, run one at a time on a worker thread with a read-only connection
 * of its own, so a slow query stalls neither the event loop nor any other domain. better-sqlite3
 * cannot interrupt a running statement: one still running at its deadline has its thread stopped
 * (the statement with it) and a new thread and connection take its place.
 */
export class SqliteThread {
  private worker?: Worker;
  private running?: Job;
  private readonly queue: Job[] = [];
  private nextId = 0;
  private stopped = false;

  constructor(private readonly filename: string) {}

  /** The rows of one SELECT; rejects with DeadlineExceeded once `deadline` (epoch ms) passes. */
  run(sql: string, bindings: unknown[], deadline?: number): Promise<unknown[]> {
    if (this.stopped) return Promise.reject(new Error("The database connection is not open"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, sql, bindings, deadline, resolve, reject });
      this.pump();
    });
  }

  /** Opens the thread and its connection ahead of the first statement, so no request waits for them. */
  async start(): Promise<void> {
    await this.run("SELECT 1", []);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("The database connection is not open"));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private pump(): void {
    while (!this.running && this.queue.length) {
      const job = this.queue.shift()!;
      const left = job.deadline === undefined ? undefined : job.deadline - Date.now();
      if (left !== undefined && left <= 0) {
        job.reject(new DeadlineExceeded());
        continue;
      }
      this.running = job;
      this.worker ??= this.spawn();
      if (left !== undefined) job.timer = setTimeout(() => this.interrupt(job), left);
      this.worker.postMessage({ id: job.id, sql: job.sql, bindings: job.bindings });
    }
  }

  /** The job's deadline passed while it ran: stop its thread, and with it the statement. */
  private interrupt(job: Job): void {
    if (this.running !== job) return;
    void this.worker?.terminate();
    this.worker = this.stopped ? undefined : this.spawn();
    this.finish(job, () => job.reject(new DeadlineExceeded()));
  }

  private finish(job: Job, settle: () => void): void {
    clearTimeout(job.timer);
    this.running = undefined;
    settle();
    this.pump();
  }

  private spawn(): Worker {
    const worker = newWorker({ filename: this.filename });
    // An idle thread does not keep the process alive.
    worker.unref();
    worker.on("message", (message: ResultMessage) => {
      const job = this.running;
      if (!job || job.id !== message.id) return;
      this.finish(job, () =>
        "rows" in message ? job.resolve(message.rows) : job.reject(Object.assign(new Error(message.error.message), { code: message.error.code })),
      );
    });
    // The thread failed (it could not open the file, or crashed): the statement fails, the next opens a new one.
    const failed = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const job = this.running;
      if (job) this.finish(job, () => job.reject(error));
    };
    worker.on("error", failed);
    worker.on("exit", (code) => failed(new Error(`the SQLite thread exited with code ${code}`)));
    return worker;
  }
}
