/** How much data a benchmark database holds. Tables never shrink below the Chinook seed. */
export interface Sizes {
  artists: number;
  albums: number;
  tracks: number;
  customers: number;
  invoices: number;
  lines: number;
}

export interface Profile {
  name: "quick" | "full";
  /** The database Q1–Q4 run on. */
  main: { database: string; sizes: Sizes };
  /** Q1 on a small and a large track table (scaling check). */
  scale: { small: { database: string; sizes: Sizes }; large: { database: string; sizes: Sizes } };
  /** autocannon: connections kept busy, warm-up and measured rounds per cell (seconds). */
  connections: number;
  warmupSeconds: number;
  roundSeconds: number;
  rounds: number;
}

export const SEED = 20261124;

/** Only the catalog grows in the scaling databases; the other tables keep Chinook's size. */
const tracksOnly = (tracks: number): Sizes => ({ artists: tracks / 40, albums: tracks / 10, tracks, customers: 0, invoices: 0, lines: 0 });

export const PROFILES: Record<Profile["name"], Profile> = {
  full: {
    name: "full",
    main: {
      database: "meshql_bench_full",
      sizes: { artists: 2_500, albums: 10_000, tracks: 100_000, customers: 50_000, invoices: 200_000, lines: 1_000_000 },
    },
    scale: {
      small: { database: "meshql_bench_t10k", sizes: tracksOnly(10_000) },
      large: { database: "meshql_bench_t1m", sizes: tracksOnly(1_000_000) },
    },
    connections: 8,
    warmupSeconds: 2,
    roundSeconds: 3,
    rounds: 5,
  },
  quick: {
    name: "quick",
    main: {
      database: "meshql_bench_quick",
      sizes: { artists: 300, albums: 1_000, tracks: 10_000, customers: 1_000, invoices: 4_000, lines: 20_000 },
    },
    scale: {
      small: { database: "meshql_bench_quick", sizes: { artists: 300, albums: 1_000, tracks: 10_000, customers: 1_000, invoices: 4_000, lines: 20_000 } },
      large: { database: "meshql_bench_t100k", sizes: tracksOnly(100_000) },
    },
    connections: 8,
    warmupSeconds: 0.5,
    roundSeconds: 1,
    rounds: 3,
  },
};

export const PG_SERVER = process.env.MESHQL_BENCH_POSTGRES ?? "postgres://postgres@127.0.0.1:5432";
export const pgUrl = (database: string) => `${PG_SERVER}/${database}`;
