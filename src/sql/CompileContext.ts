import { userError } from "../selection/userError.js";
import type { Dialect } from "./dialect/Dialect.js";
import { raw, sql, type Sql } from "./Sql.js";

/** How a statement may read a table: the product it backs and, if it keeps one, its history table. */
export interface TableSource {
  address: string;
  history?: string;
}

/** Per-statement compile state: the dialect, identifier quoting, fresh table aliases and the instant read. */
export class CompileContext {
  private aliases = 0;
  /** While set, tables are read from their history as they stood at this instant. */
  private asOf?: string;

  constructor(
    readonly dialect: Dialect,
    /** Quotes one identifier the way knex does for this store. */
    readonly quote: (identifier: string) => string,
    /** The domain's tables by name, for reading the past. */
    readonly sources: ReadonlyMap<string, TableSource> = new Map(),
  ) {}

  // While above 0, a part of the statement over a history table's rows is compiled.
  private overHistories = 0;

  /** Whether tables are read as they are now (a foreign key says nothing of their history). */
  get present(): boolean {
    return this.asOf === undefined && this.overHistories === 0;
  }

  /** Compiles a part that tests rows of a history table, whose columns no foreign key constrains. */
  overHistory<T>(compile: () => T): T {
    this.overHistories++;
    try {
      return compile();
    } finally {
      this.overHistories--;
    }
  }

  nextAlias(): string {
    return `t${this.aliases++}`;
  }

  /**
   * A table under an alias. At a past instant, the rows its history held then: the versions
   * whose validity covers the instant, which the planners merge into the outer query.
   */
  table(name: string, alias: string): Sql {
    if (this.asOf === undefined) return raw(`${this.quote(name)} AS ${alias}`);
    const source = this.sources.get(name);
    if (!source?.history) throw userError(`${source?.address ?? name} keeps no history (@product(snapshots:)): it cannot be read as of a past instant`);
    const at = this.dialect.bind(this.asOf, "DateTime");
    return sql`(SELECT * FROM ${raw(this.quote(source.history))} WHERE meshql_valid_from <= ${at} AND (meshql_valid_to IS NULL OR meshql_valid_to > ${at})) AS ${raw(alias)}`;
  }

  /** Compiles a part of the statement as of an instant (undefined: the present). */
  at<T>(asOf: string | undefined, compile: () => T): T {
    const outer = this.asOf;
    this.asOf = asOf;
    try {
      return compile();
    } finally {
      this.asOf = outer;
    }
  }
}

/** Where a column's value comes from in the current level of the statement. */
export interface Scope {
  column(name: string): Sql;
}

export const tableScope = (ctx: CompileContext, alias: string): Scope => ({
  column: (name) => raw(`${alias}.${ctx.quote(name)}`),
});
