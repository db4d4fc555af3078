import type { Profile } from "../profiles.js";
import { DESCRIPTIONS, QUERY_NAMES, type QueryName } from "../queries.js";
import type { CellResult } from "./cells.js";
import { geomean, median } from "./load.js";

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Throughput ratios, meshql over the alternative (above 1: meshql answers more requests per
 * second). For one query, the median over rounds of the two cells' rps ratio in that round (the
 * two run seconds apart, so a machine that slows down for a while slows both). subgraph_vs_X is
 * the geometric mean over Q1–Q3 of those; gateway_vs_hive_gateway is meshql's embedded gateway
 * over Hive Gateway in its fastest configuration (the Rust router runtime) on Q4, all in front of
 * the same three meshql subgraphs; gateway_vs_hive_gateway_default over Hive Gateway as it starts
 * by default, gateway_vs_grafbase over Grafbase's gateway (absent when it could not run). The
 * `_distinct` ratios are the same with a new x-request-id on every request, which every gateway
 * forwards, so that none shares one subgraph call among concurrent identical requests
 * (gateway_vs_subgraph_distinct: the gateway's own cost over a subgraph, nothing shared).
 */
export function ratiosOf(cells: CellResult[]) {
  const cell = (contender: string, q: QueryName) => cells.find((c) => c.contender === contender && c.query === q);
  const ratio = (a: string, b: string, q: QueryName) => {
    const [x, y] = [cell(a, q), cell(b, q)];
    return x && y ? r3(median(x.rounds.map((round, i) => round.rps / y.rounds[i].rps))) : undefined;
  };
  const overQ1toQ3 = (other: string) => r3(geomean((["Q1", "Q2", "Q3"] as const).map((q) => ratio("meshql subgraph", other, q)!)));
  // The other's CPU per answer over meshql's (above 1: meshql spends less), median over rounds.
  const cpuRatio = (a: string, b: string, q: QueryName) => {
    const [x, y] = [cell(a, q), cell(b, q)];
    return x && y ? r3(median(x.rounds.map((round, i) => y.rounds[i].cpuUsPerRequest / round.cpuUsPerRequest))) : undefined;
  };
  const perQuery = Object.fromEntries(
    QUERY_NAMES.map((q) => [
      q,
      Object.fromEntries(
        Object.entries({
          subgraph_vs_limit: ratio("meshql subgraph", "limit", q),
          subgraph_vs_postgraphile: ratio("meshql subgraph", "postgraphile", q),
          subgraph_vs_handwritten: ratio("meshql subgraph", "handwritten", q),
          analyst_vs_steward: ratio("meshql subgraph (analyst)", "meshql subgraph", q) ?? ratio("meshql gateway (analyst)", "meshql gateway", q),
          gateway_vs_subgraph: ratio("meshql gateway", "meshql subgraph", q),
          gateway_vs_subgraph_distinct: ratio("meshql gateway (distinct requests)", "meshql subgraph", q),
          gateway_vs_limit: ratio("meshql gateway", "limit", q),
          gateway_vs_hive_gateway: ratio("meshql gateway", "hive gateway", q),
          gateway_vs_hive_gateway_default: ratio("meshql gateway", "hive gateway (default)", q),
          gateway_vs_grafbase: ratio("meshql gateway", "grafbase", q),
          gateway_vs_hive_gateway_distinct: ratio("meshql gateway (distinct requests)", "hive gateway (distinct requests)", q),
          gateway_vs_grafbase_distinct: ratio("meshql gateway (distinct requests)", "grafbase (distinct requests)", q),
          cpu_subgraph_vs_limit: cpuRatio("meshql subgraph", "limit", q),
          cpu_subgraph_vs_postgraphile: cpuRatio("meshql subgraph", "postgraphile", q),
          cpu_gateway_vs_hive_gateway: cpuRatio("meshql gateway", "hive gateway", q),
          cpu_gateway_vs_grafbase: cpuRatio("meshql gateway", "grafbase", q),
        }).filter(([, v]) => v !== undefined),
      ),
    ]),
  );
  return {
    subgraph_vs_limit: overQ1toQ3("limit"),
    subgraph_vs_postgraphile: overQ1toQ3("postgraphile"),
    subgraph_vs_handwritten: overQ1toQ3("handwritten"),
    cpu_subgraph_vs_limit: r3(geomean((["Q1", "Q2", "Q3"] as const).map((q) => cpuRatio("meshql subgraph", "limit", q)!))),
    cpu_subgraph_vs_postgraphile: r3(geomean((["Q1", "Q2", "Q3"] as const).map((q) => cpuRatio("meshql subgraph", "postgraphile", q)!))),
    gateway_vs_hive_gateway: ratio("meshql gateway", "hive gateway", "Q4")!,
    gateway_vs_hive_gateway_default: ratio("meshql gateway", "hive gateway (default)", "Q4")!,
    gateway_vs_grafbase: ratio("meshql gateway", "grafbase", "Q4") ?? null,
    gateway_vs_hive_gateway_distinct: ratio("meshql gateway (distinct requests)", "hive gateway (distinct requests)", "Q4") ?? null,
    gateway_vs_grafbase_distinct: ratio("meshql gateway (distinct requests)", "grafbase (distinct requests)", "Q4") ?? null,
    per_query: perQuery,
  };
}

/** The meshql subgraph over the limit on SQLite stores: per query, and the geometric mean over Q1–Q3. */
export function sqliteRatiosOf(cells: CellResult[]) {
  const cell = (contender: string, q: QueryName) => cells.find((c) => c.contender === contender && c.query === q)!;
  const perQuery = Object.fromEntries(
    (["Q1", "Q2", "Q3"] as const).map((q) => {
      const [x, y] = [cell("meshql subgraph (SQLite)", q), cell("limit (SQLite)", q)];
      return [q, { rps: r3(median(x.rounds.map((round, i) => round.rps / y.rounds[i].rps))), cpu: r3(median(x.rounds.map((round, i) => y.rounds[i].cpuUsPerRequest / round.cpuUsPerRequest))) }];
    }),
  );
  const rows = Object.values(perQuery);
  return { subgraph_vs_limit: r3(geomean(rows.map((r) => r.rps))), cpu_subgraph_vs_limit: r3(geomean(rows.map((r) => r.cpu))), per_query: perQuery };
}

/** Q1 at the small and the large size: latency at one connection, memory under load. */
export function scalingOf(cells: CellResult[], p: Profile) {
  const find = (size: string, c: number) => cells.find((x) => x.contender === `meshql subgraph ${size} c${c}`)!;
  const [small1, large1, smallN, largeN] = [find("small", 1), find("large", 1), find("small", p.connections), find("large", p.connections)];
  const samples = largeN.rssSamplesMb ?? [];
  const latencyRatio = r3(large1.meanMs / small1.meanMs);
  return {
    tracks: { small: p.scale.small.sizes.tracks, large: p.scale.large.sizes.tracks },
    q1_latency_ms: { small: r3(small1.meanMs), large: r3(large1.meanMs) },
    q1_latency_large_vs_small: latencyRatio,
    q1_latency_within_1_5x: latencyRatio <= 1.5,
    q1_rps_under_load: { small: Math.round(smallN.rps), large: Math.round(largeN.rps) },
    peak_memory_mb_under_load: { small: Math.round(smallN.peakMemoryMb), large: Math.round(largeN.peakMemoryMb) },
    large_rss_mb_during_load: samples.length ? { first: Math.round(samples[0]), max: Math.round(Math.max(...samples)), last: Math.round(samples.at(-1)!) } : undefined,
    cells,
  };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function printReport(results: {
  profile: string;
  machine: { cpus: number; model?: string; loadBefore: number[]; loadAfter: number[] };
  cells: CellResult[];
  ratios: ReturnType<typeof ratiosOf>;
  scaling: ReturnType<typeof scalingOf>;
  sqlite: { cells: CellResult[]; ratios: ReturnType<typeof sqliteRatiosOf> };
}): void {
  const { cells, ratios, scaling, machine } = results;
  console.log(`\nmeshql benchmark (${results.profile}), ${machine.cpus} × ${machine.model}, load average ${machine.loadBefore.join(" ")} → ${machine.loadAfter.join(" ")}`);
  for (const q of QUERY_NAMES) {
    console.log(`\n${q}: ${DESCRIPTIONS[q]}`);
    console.log(`${"contender".padEnd(38)}${pad("req/s", 9)}${pad("±", 6)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("stmts/req", 11)}${pad("CPU µs/req", 12)}${pad("peak MB", 9)}${pad("fails", 7)}`);
    for (const c of cells.filter((x) => x.query === q)) {
      console.log(`${c.contender.padEnd(38)}${pad(Math.round(c.rps), 9)}${pad(`${Math.round(c.rpsSpread * 100)}%`, 6)}${pad(c.p50, 9)}${pad(c.p99, 9)}${pad(c.statementsPerRequest, 11)}${pad(Math.round(c.cpuUsPerRequest), 12)}${pad(Math.round(c.peakMemoryMb), 9)}${pad(c.failures, 7)}`);
    }
  }
  console.log("\nSQLite stores (the embedded default), Q1–Q3:");
  for (const c of results.sqlite.cells) {
    console.log(`${`${c.query} ${c.contender}`.padEnd(31)}${pad(Math.round(c.rps), 6)}${pad(`${Math.round(c.rpsSpread * 100)}%`, 6)}${pad(c.p50, 9)}${pad(c.p99, 9)}${pad(Math.round(c.cpuUsPerRequest), 23)}${pad(Math.round(c.peakMemoryMb), 9)}${pad(c.failures, 7)}`);
  }
  const s = scaling;
  console.log(`\nscaling, Q1 at ${s.tracks.small.toLocaleString("en")} vs ${s.tracks.large.toLocaleString("en")} tracks:`);
  console.log(`  mean latency at one connection ${s.q1_latency_ms.small} ms vs ${s.q1_latency_ms.large} ms: ×${s.q1_latency_large_vs_small} (${s.q1_latency_within_1_5x ? "within" : "NOT within"} 1.5×)`);
  console.log(`  under load: ${s.q1_rps_under_load.small} vs ${s.q1_rps_under_load.large} req/s, peak memory ${s.peak_memory_mb_under_load.small} vs ${s.peak_memory_mb_under_load.large} MB`);
  if (s.large_rss_mb_during_load) console.log(`  large subgraph RSS during load: first ${s.large_rss_mb_during_load.first}, max ${s.large_rss_mb_during_load.max}, last ${s.large_rss_mb_during_load.last} MB`);
  console.log("\nratios (meshql rps / other rps; above 1 is faster):");
  for (const key of ["subgraph_vs_limit", "subgraph_vs_postgraphile", "subgraph_vs_handwritten", "gateway_vs_hive_gateway", "gateway_vs_hive_gateway_default", "gateway_vs_grafbase", "gateway_vs_hive_gateway_distinct", "gateway_vs_grafbase_distinct", "cpu_subgraph_vs_limit", "cpu_subgraph_vs_postgraphile"] as const) {
    console.log(`  ${key.padEnd(32)}${pad(ratios[key] ?? "not run", 8)}`);
  }
  for (const [q, rs] of Object.entries(ratios.per_query)) {
    console.log(`  ${q}: ${Object.entries(rs).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  }
  const lite = results.sqlite.ratios;
  const each = (k: "rps" | "cpu") => (["Q1", "Q2", "Q3"] as const).map((q) => `${q} ${lite.per_query[q][k]}`).join(", ");
  console.log(`  SQLite: subgraph_vs_limit ${lite.subgraph_vs_limit} (${each("rps")}); cpu_subgraph_vs_limit ${lite.cpu_subgraph_vs_limit} (${each("cpu")})`);
}
