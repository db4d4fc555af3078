import { readdirSync, readFileSync } from "node:fs";

/** User + system CPU time a process has used so far, in µs (Linux /proc; clock ticks of 10 ms). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at the state, field 3.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** CPU time every PostgreSQL process on this machine has used so far, in µs (a backend counts while it lives). */
export function postgresMicros(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres") total += cpuMicros(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
