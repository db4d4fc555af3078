import autocannon from "autocannon";

/** One HTTP request the load generator repeats. */
export interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** `[<id>]` in the headers or body becomes a new id on every request (autocannon's idReplacement). */
  idReplacement?: boolean;
}

export interface Round {
  rps: number;
  /** Mean latency in ms, from the elapsed time (exact at one connection; autocannon's percentiles are whole ms). */
  meanMs: number;
  p50: number;
  p99: number;
  responses: number;
  /** Connection errors, timeouts, non-2xx answers and bodies differing from the verified one. */
  failures: number;
}

/** Keeps `connections` requests in flight for `seconds`; every answer must equal `expectBody`. */
export async function load(target: Target, connections: number, seconds: number, expectBody?: string): Promise<Round> {
  const started = performance.now();
  const result = await autocannon({
    url: target.url,
    method: "POST",
    headers: { "content-type": "application/json", ...target.headers },
    body: target.body,
    idReplacement: target.idReplacement ?? false,
    connections,
    duration: seconds,
    expectBody,
    // autocannon checks for the end of its duration once per sample interval (1 s by default).
    sampleInt: 100,
  });
  const elapsed = (performance.now() - started) / 1000;
  return {
    rps: result.requests.total / elapsed,
    meanMs: (elapsed * 1000 * connections) / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    responses: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0),
  };
}

export const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const geomean = (values: number[]) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
