import { isDeepStrictEqual } from "node:util";
import type { Profile } from "../profiles.js";
import { CANONICAL, type QueryName } from "../queries.js";
import { load, median, type Round, type Target } from "./load.js";
import type { Server } from "./servers.js";

/** One contender answering one query. */
export interface Cell {
  contender: string;
  query: QueryName;
  target: Target;
  /** The process whose memory is reported: the one the client talks to. */
  server: Server;
  /** The processes whose statements to the benchmark database are counted. */
  counted: Server[];
  database: string;
  connections: number;
  /** The verified answer: every timed answer must be byte-identical to it. */
  expected?: string;
  statementsPerRequest?: number;
}

export interface CellResult {
  contender: string;
  query: QueryName;
  connections: number;
  rps: number;
  /** Half the range of the rounds' rps, as a share of the median: how noisy the cell was. */
  rpsSpread: number;
  meanMs: number;
  p50: number;
  p99: number;
  statementsPerRequest: number;
  peakMemoryMb: number;
  failures: number;
  /**
   * CPU time per answer of the processes serving it (the server, and for a gateway its
   * subgraphs), µs, median over rounds: on a shared machine a steadier measure of cost than
   * throughput, which other work's share of the cores changes from second to second.
   */
  cpuUsPerRequest: number;
  rounds: (Round & { peakMemoryMb: number; cpuUsPerRequest: number })[];
  rssSamplesMb?: number[];
}

async function post(target: Target): Promise<string> {
  const response = await fetch(target.url, { method: "POST", headers: { "content-type": "application/json", ...target.headers }, body: target.body });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

const statements = async (cell: Cell) => {
  let total = 0;
  for (const server of cell.counted) total += await server.statements(cell.database);
  return total;
};

/**
 * Asks each cell once and checks its data equals the limit's for that query (in canonical form),
 * then counts its statements per request exactly, over a few requests sent one at a time.
 */
export async function verifyCells(cells: Cell[], againstLimit = true, reference = new Map<QueryName, unknown>()): Promise<Map<QueryName, unknown>> {
  const isLimit = (c: Cell) => c.contender.startsWith("limit");
  for (const cell of [...cells].sort((a, b) => Number(isLimit(b)) - Number(isLimit(a)))) {
    const text = await post(cell.target);
    const body = JSON.parse(text);
    if (body.errors?.length || !body.data) throw new Error(`${cell.contender} ${cell.query} answered errors: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
    const canonical = CANONICAL[cell.query](body.data);
    if (!reference.has(cell.query)) reference.set(cell.query, canonical);
    else if (againstLimit && !isDeepStrictEqual(canonical, reference.get(cell.query))) {
      throw new Error(`${cell.contender} ${cell.query} differs from the limit:\n${firstDifference(canonical, reference.get(cell.query))}`);
    }
    cell.expected = text;
    const before = await statements(cell);
    const n = 5;
    for (let i = 0; i < n; i++) await post(cell.target);
    await new Promise((resolve) => setTimeout(resolve, 20));
    cell.statementsPerRequest = ((await statements(cell)) - before) / n;
  }
  return reference;
}

function firstDifference(a: unknown, b: unknown, path = "data"): string {
  if (isDeepStrictEqual(a, b)) return "";
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as never)[key], (b as never)[key], `${path}.${key}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 300)} ≠ limit's ${JSON.stringify(b)?.slice(0, 300)}`;
}

/** Warms every cell up, then measures it in rounds interleaved with the other cells' rounds. */
export async function measureCells(
  cells: Cell[],
  p: Profile,
  log: (m: string) => void,
  { sampleMemory = false, warmupSeconds = p.warmupSeconds } = {},
): Promise<CellResult[]> {
  for (const cell of cells) await load(cell.target, cell.connections, warmupSeconds, cell.expected);
  const rounds = new Map<Cell, (Round & { peakMemoryMb: number; cpuUsPerRequest: number })[]>(cells.map((c) => [c, []]));
  const cpu = (cell: Cell) => [...new Set([cell.server, ...cell.counted])].reduce((sum, server) => sum + server.cpuMicros(), 0);
  const samples = new Map<Cell, number[]>(cells.map((c) => [c, []]));
  for (let r = 0; r < p.rounds; r++) {
    for (const cell of cells) {
      cell.server.resetPeak();
      const sampler = sampleMemory ? setInterval(() => samples.get(cell)!.push(cell.server.memory().rssMb), 100) : undefined;
      const cpuBefore = cpu(cell);
      const round = await load(cell.target, cell.connections, p.roundSeconds, cell.expected);
      const cpuUsPerRequest = (cpu(cell) - cpuBefore) / Math.max(1, round.responses);
      clearInterval(sampler);
      rounds.get(cell)!.push({ ...round, peakMemoryMb: cell.server.memory().peakMb, cpuUsPerRequest });
    }
    log(`round ${r + 1}/${p.rounds} done`);
  }
  return cells.map((cell) => {
    const rs = rounds.get(cell)!;
    return {
      contender: cell.contender,
      query: cell.query,
      connections: cell.connections,
      rps: median(rs.map((x) => x.rps)),
      rpsSpread: (Math.max(...rs.map((x) => x.rps)) - Math.min(...rs.map((x) => x.rps))) / 2 / median(rs.map((x) => x.rps)),
      meanMs: median(rs.map((x) => x.meanMs)),
      p50: median(rs.map((x) => x.p50)),
      p99: median(rs.map((x) => x.p99)),
      statementsPerRequest: cell.statementsPerRequest ?? NaN,
      cpuUsPerRequest: median(rs.map((x) => x.cpuUsPerRequest)),
      peakMemoryMb: Math.max(...rs.map((x) => x.peakMemoryMb)),
      failures: rs.reduce((sum, x) => sum + x.failures, 0),
      rounds: rs,
      ...(sampleMemory ? { rssSamplesMb: samples.get(cell)! } : {}),
    };
  });
}
