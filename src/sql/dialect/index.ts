import type { Knex } from "knex";
import { dialectOf } from "../../store/dialectOf.js";
import type { Dialect } from "./Dialect.js";
import { mysql } from "./mysql.js";
import { postgres } from "./postgres.js";
import { sqlite } from "./sqlite.js";

const DIALECTS = { postgres, mysql, sqlite } as const;

/** The SQL dialect of a knex connection. */
export const dialectFor = (knex: Knex): Dialect => DIALECTS[dialectOf(knex)];
