import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpuMicros } from "./processCpu.js";

/** A server process the benchmark started: its URL, statement counts and memory. */
export interface Server {
  name: string;
  url: string;
  pid: number;
  /** Statements its pg clients have sent so far, per database (0 without the probe). */
  statements(database: string): Promise<number>;
  /** Resident memory now and its peak since the last resetPeak, in MB (Linux /proc). */
  memory(): { rssMb: number; peakMb: number };
  resetPeak(): void;
  /** CPU time the process and its live child processes (a SQLite store's worker) have used so far, user + system, in µs (Linux /proc). */
  cpuMicros(): number;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  output(): string;
}

const TSX = ["--import", "tsx"];
const PROBE = ["--import", "./bench/support/probe.ts"];
// Every Node contender runs with the same young generation as the README advises for meshql's
// servers: at V8's default (16 MB semi-spaces) a server with requests in flight promotes them to
// the old generation and maps and faults in fresh pages after every collection.
const NODE_FLAGS = ["--max-semi-space-size=64"];

/** Runs a TypeScript entry point with the statement probe preloaded; ready when its output matches. */
export function startTs(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, nodeArgs: string[] = []): Promise<Server> {
  return start(name, [...nodeArgs, ...TSX, ...PROBE, ...args], env, ready);
}

/** Runs a JavaScript entry point as it ships (Hive Gateway), without the probe. */
export function startJs(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Server> {
  return start(name, args, env, ready);
}

/** Runs a native executable (Grafbase's gateway), without the probe. */
export function startBinary(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs?: number): Promise<Server> {
  return start(name, args, env, ready, timeoutMs, command);
}

// Whatever happens to the benchmark, the servers it started end with it.
const children = new Set<ChildProcess>();
process.once("exit", () => children.forEach((child) => child.kill("SIGKILL")));

function start(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 90_000, command = process.execPath): Promise<Server> {
  const child = spawn(command, command === process.execPath ? [...NODE_FLAGS, ...args] : args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  children.add(child);
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} was not ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      const wasReady = ready.test(output);
      output = (output + chunk.toString()).slice(-20_000);
      const match = output.match(ready);
      if (match && !wasReady) {
        clearTimeout(timer);
        resolve(server(name, child, match[1] ?? "", () => output, exited));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`));
    });
  });
}

/** CPU time of a process and its descendants, µs (see cpuMicros). */
function cpuOfTree(pid: number): number {
  try {
    let micros = cpuMicros(pid);
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean)) micros += cpuOfTree(Number(child));
    }
    return micros;
  } catch {
    return 0; // gone
  }
}

function server(name: string, child: ChildProcess, url: string, output: () => string, exited: Promise<void>): Server {
  const pid = child.pid!;
  return {
    name,
    url,
    pid,
    output,
    statements: (database) =>
      new Promise((resolve) => {
        if (!child.connected) return resolve(0);
        const timer = setTimeout(() => resolve(0), 2_000);
        child.once("message", (m: { counts?: Record<string, number> }) => {
          clearTimeout(timer);
          resolve(m.counts?.[database] ?? 0);
        });
        child.send("bench:counts");
      }),
    cpuMicros: () => cpuOfTree(pid),
    memory: () => {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
    },
    // Writing 5 to clear_refs resets the peak resident set size (VmHWM) to the current one.
    resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, "5"),
    stop: async (graceMs = 1_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A port no one listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
