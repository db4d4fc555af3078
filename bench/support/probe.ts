/**
 * Preloaded into every server the benchmark starts (`node --import tsx --import ./bench/support/probe.ts …`):
 * counts the statements each pg client sends, per database, and answers the benchmark's IPC
 * question "bench:counts". Nothing in the server changes; without an IPC channel it does nothing.
 */
import pg from "pg";

const counts: Record<string, number> = {};
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const database = this.database ?? "?";
  counts[database] = (counts[database] ?? 0) + 1;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

if (process.send) {
  process.on("message", (message) => {
    if (message === "bench:counts") process.send!({ counts });
  });
  // The channel must not keep a server alive that would otherwise exit; a benchmark that died
  // must not leave its servers behind.
  process.channel?.unref();
  process.once("disconnect", () => process.exit(0));
}
