// The part of autocannon's API the benchmark uses (autocannon ships no types).
declare module "autocannon" {
  interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
    expectBody?: string;
    sampleInt?: number;
    /** Replace `[<id>]` in the request (headers and body) with a new id on every request. */
    idReplacement?: boolean;
  }
  interface Result {
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; average: number; max: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    mismatches?: number;
    duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
