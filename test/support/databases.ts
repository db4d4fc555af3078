import { describe, inject, it } from "vitest";
import { openStore, redact } from "../../src/store/openStore.js";
import { DEMO_DOMAINS, type DemoDomain } from "../../src/store/demoTables.js";
import type { StoreDialect } from "../../src/store/dialectOf.js";

/** A database the tests run against. The servers hold all three domains in one database. */
export interface TestTarget {
  dialect: StoreDialect;
  /** Names the server in messages, e.g. "PostgreSQL at 127.0.0.1:5432". */
  label: string;
  /** Each domain's store URL; SQLite gets one file per domain under `dir`. */
  storeUrls(dir: string): Record<DemoDomain, string>;
}

/** A target after globalSetup: migrated and seeded, or the reason it could not be reached. */
export interface PreparedTarget {
  dialect: StoreDialect;
  label: string;
  stores: Record<DemoDomain, string> | null;
  unreachable?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Every test target, in testTargets order; see test/support/globalSetup.ts. */
    meshqlTargets: PreparedTarget[];
  }
}

const POSTGRES_URL = process.env.MESHQL_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const MARIADB_URL = process.env.MESHQL_TEST_MARIADB_URL ?? "mysql://root@127.0.0.1:3306/test";

const everyDomain = (url: string) => Object.fromEntries(DEMO_DOMAINS.map((d) => [d, url])) as Record<DemoDomain, string>;
const hostOf = (url: string) => new URL(url).host;

export const testTargets: TestTarget[] = [
  { dialect: "postgres", label: `PostgreSQL at ${hostOf(POSTGRES_URL)}`, storeUrls: () => everyDomain(POSTGRES_URL) },
  { dialect: "mysql", label: `MariaDB at ${hostOf(MARIADB_URL)}`, storeUrls: () => everyDomain(MARIADB_URL) },
  {
    dialect: "sqlite",
    label: "SQLite",
    storeUrls: (dir) => Object.fromEntries(DEMO_DOMAINS.map((d) => [d, `sqlite:${dir}/${d}.sqlite`])) as Record<DemoDomain, string>,
  },
];

/** True under CI, where a missing server is a failure rather than a reason to skip. */
export const inCI = () => !!process.env.CI && !/^(0|false)$/i.test(process.env.CI);

/** Undefined when a trivial query succeeds within a few seconds, else why it did not. */
export async function whyUnreachable(url: string): Promise<string | undefined> {
  const knex = openStore(url, process.cwd());
  try {
    await Promise.race([
      knex.raw("select 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("no answer within 5 s")), 5000).unref()),
    ]);
    return undefined;
  } catch (error) {
    return `${redact(url)}: ${(error as Error).message}`;
  } finally {
    await knex.destroy();
  }
}

export const skipMessage = (target: PreparedTarget) =>
  `${target.label} is not reachable: skipping its tests (${target.unreachable}). Under CI=true this fails instead.`;

/**
 * Declares `body` once per target (Kysely's `for (const dialect of DIALECTS)`). A target whose
 * server is down is skipped with a printed message, or under CI fails with the reason.
 */
export function describeEachTarget(title: string, body: (target: PreparedTarget & { stores: Record<DemoDomain, string> }) => void) {
  for (const target of inject("meshqlTargets")) {
    const name = `${title} [${target.dialect}]`;
    const { stores } = target;
    if (stores) describe(name, () => body({ ...target, stores }));
    else if (inCI()) describe(name, () => it(`${target.label} is reachable`, () => { throw new Error(`${target.label} is not reachable: ${target.unreachable}`); }));
    else {
      console.warn(skipMessage(target));
      describe.skip(name, () => it(`needs ${target.label}`, () => {}));
    }
  }
}
