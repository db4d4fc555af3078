import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { openStore, redact } from "../store/openStore.js";
import type { DatabaseModel } from "./DatabaseModel.js";
import { IntrospectError } from "./IntrospectError.js";
import { readDatabase } from "./readDatabase.js";

const SCHEMES = ["sqlite", "postgres", "postgresql", "mysql", "mariadb"];

/**
 * Reads a store URL's tables and views (of `dbSchema`, or the store's default), then closes the
 * connection. Anything that stops it (a URL meshql cannot open, a server that does not answer, a
 * schema that does not exist) is an IntrospectError saying so in one line.
 */
export async function readStore(url: string, dbSchema?: string, baseDir = process.cwd()): Promise<DatabaseModel> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme || !SCHEMES.includes(scheme)) {
    throw new IntrospectError(`${scheme ? `unknown store URL scheme "${scheme}"` : `not a store URL: ${redact(url)}`}: use sqlite:<file>, postgres://… or mysql://… (mariadb://…)`);
  }
  if (scheme === "sqlite") {
    const path = url.slice("sqlite:".length);
    // openStore would create an empty database where there is none.
    if (path !== ":memory:" && !existsSync(resolve(baseDir, path))) throw new IntrospectError(`no SQLite database at ${path}`);
  }
  let knex;
  try {
    knex = openStore(url, baseDir);
  } catch (error) {
    throw new IntrospectError(`cannot open ${redact(url)}: ${reason(error)}`);
  }
  // knex prints every failed connection attempt; the failure is reported once, below.
  (knex.client as { logger: { warn: (message: string) => void } }).logger.warn = () => {};
  try {
    return await readDatabase(knex, dbSchema);
  } catch (error) {
    if (error instanceof IntrospectError) throw error;
    throw new IntrospectError(`cannot read ${redact(url)}: ${reason(error)}`);
  } finally {
    await knex.destroy();
  }
}

/** A driver error in one line; a failed connection to several addresses says why for the first. */
function reason(error: unknown): string {
  const e = error as Error & { errors?: Error[]; code?: string };
  const message = e.message || e.errors?.[0]?.message || e.code || String(error);
  return message.split("\n")[0];
}
