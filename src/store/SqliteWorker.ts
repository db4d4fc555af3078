import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DeadlineExceeded } from "../execute/DeadlineExceeded.js";
import type { ResultMessage } from "./sqliteWorkerProcess.js";

interface Job {
  id: number;
  sql: string;
  bindings: unknown[];
  deadline?: number;
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

// Under tsx or vitest this module is TypeScript and so is the worker's, which tsx then loads.
const typescript = import.meta.url.endsWith(".ts");
const WORKER = fileURLToPath(new URL(typescript ? "./sqliteWorkerProcess.ts" : "./sqliteWorkerProcess.js", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A worker keeps this process alive only while it runs a statement for it. */
function busy(worker: ChildProcess, running: boolean): void {
  if (running) {
    worker.ref();
    worker.channel?.ref();
  } else {
    worker.unref();
    worker.channel?.unref();
  }
}

/**
 * A SQLite store's statements, run one at a time in a worker process with a read-only connection
 * of its own, so a slow query stalls neither the event loop nor any other domain. better-sqlite3
 * cannot interrupt a running statement, and a worker thread cannot be stopped while it runs one
 * (it ends only once the statement has): a process can. One still running at its deadline is
 * killed, the statement with it, and a spare worker, started beforehand with its own
 * connection, takes its place at once, so the next statement does not wait for one to start
 * (kept from the start when asked, else from the first statement stopped on).
 */
export class SqliteWorker {
  private worker?: ChildProcess;
  private spare?: ChildProcess;
  private running?: Job;
  private readonly queue: Job[] = [];
  private nextId = 0;
  private stopped = false;
  private keepSpare = false;
  /** When each worker has opened its connection. */
  private readonly started = new WeakMap<ChildProcess, Promise<void>>();

  constructor(
    private readonly filename: string,
    /** Databases attached to each worker's connection, by alias. */
    private readonly attached: Record<string, string> = {},
  ) {}

  /** The rows of one SELECT; rejects with DeadlineExceeded once `deadline` (epoch ms) passes. */
  run(sql: string, bindings: unknown[], deadline?: number): Promise<unknown[]> {
    if (this.stopped) return Promise.reject(new Error("The database connection is not open"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, sql, bindings, deadline, resolve, reject });
      this.pump();
    });
  }

  /** Starts the worker and its connection (and with `spare`, the spare), and waits for them, so no request has to. */
  async start({ spare = false }: { spare?: boolean } = {}): Promise<void> {
    await this.run("SELECT 1", []);
    this.keepSpare ||= spare;
    if (this.keepSpare) this.spare ??= this.spawn();
    await this.ready();
  }

  /** Resolves once the worker, and the spare if one is kept, have their connections open. */
  async ready(): Promise<void> {
    await Promise.all([this.worker, this.spare].flatMap((w) => (w ? [this.started.get(w)!] : [])));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("The database connection is not open"));
    const workers = [this.worker, this.spare];
    this.worker = this.spare = undefined;
    for (const worker of workers) worker?.kill("SIGKILL");
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
      busy(this.worker, true);
      this.worker.send({ id: job.id, sql: job.sql, bindings: job.bindings });
    }
  }

  /** The job's deadline passed while it ran: kill its worker, and with it the statement. */
  private interrupt(job: Job): void {
    if (this.running !== job) return;
    this.worker?.kill("SIGKILL");
    this.worker = this.spare;
    this.keepSpare = true;
    this.spare = this.stopped ? undefined : this.spawn();
    this.finish(job, () => job.reject(new DeadlineExceeded()));
  }

  private finish(job: Job, settle: () => void): void {
    clearTimeout(job.timer);
    this.running = undefined;
    if (this.worker) busy(this.worker, false);
    settle();
    this.pump();
  }

  private spawn(): ChildProcess {
    // Values keep their types across the channel (v8 serialisation).
    const worker = fork(WORKER, [this.filename, JSON.stringify(this.attached)], { cwd: ROOT, serialization: "advanced", execArgv: typescript ? ["--import", "tsx"] : [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    busy(worker, false);
    let ready: () => void;
    this.started.set(worker, new Promise<void>((resolve) => (ready = resolve)));
    worker.on("message", (answer) => {
      const message = answer as ResultMessage;
      if ("ready" in message) return ready();
      const job = this.running;
      if (!job || job.id !== message.id) return;
      this.finish(job, () =>
        "rows" in message ? job.resolve(message.rows) : job.reject(Object.assign(new Error(message.error.message), { code: message.error.code })),
      );
    });
    // The worker failed (it could not open the file, or died): the statement fails, the next starts a new one.
    const failed = (error: Error) => {
      ready();
      if (this.spare === worker) this.spare = undefined;
      if (this.worker !== worker) return;
      this.worker = undefined;
      const job = this.running;
      if (job) this.finish(job, () => job.reject(error));
    };
    worker.on("error", failed);
    worker.on("exit", (code, signal) => failed(new Error(`the SQLite worker exited (${signal ?? code})`)));
    return worker;
  }
}
