import type { Dialect } from "./dialect/Dialect.js";
import { raw, type Sql } from "./Sql.js";

/** Per-statement compile state: the dialect, identifier quoting and fresh table aliases. */
export class CompileContext {
  private aliases = 0;

  constructor(
    readonly dialect: Dialect,
    /** Quotes one identifier the way knex does for this store. */
    readonly quote: (identifier: string) => string,
  ) {}

  nextAlias(): string {
    return `t${this.aliases++}`;
  }

  table(name: string, alias: string): Sql {
    return raw(`${this.quote(name)} AS ${alias}`);
  }
}

/** Where a column's value comes from in the current level of the statement. */
export interface Scope {
  column(name: string): Sql;
}

export const tableScope = (ctx: CompileContext, alias: string): Scope => ({
  column: (name) => raw(`${alias}.${ctx.quote(name)}`),
});
