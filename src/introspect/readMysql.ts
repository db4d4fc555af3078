import type { Knex } from "knex";
import type { ColumnModel, DatabaseModel, TableModel } from "./DatabaseModel.js";
import { groupRows } from "./groupRows.js";
import { IntrospectError } from "./IntrospectError.js";

/** One MySQL/MariaDB database (the connection's, or `database`), from information_schema. */
export async function readMysql(knex: Knex, database?: string): Promise<DatabaseModel> {
  const rows = async <T>(sql: string, bindings: readonly Knex.RawBinding[] = []) => (await knex.raw(sql, bindings))[0] as T[];
  const [{ current, version }] = await rows<{ current: string | null; version: string }>(`SELECT DATABASE() AS current, VERSION() AS version`);
  const schema = database ?? current;
  if (!schema) throw new IntrospectError("the store URL names no database: add one to the URL or pass --db-schema");
  const [found] = await rows(`SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?`, [schema]);
  if (!found) throw new IntrospectError(`database "${schema}" does not exist on this server`);

  const relations = await rows<{ name: string; type: string; comment: string }>(
    `SELECT TABLE_NAME AS name, TABLE_TYPE AS type, TABLE_COMMENT AS comment FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'VIEW') ORDER BY TABLE_NAME`,
    [schema],
  );
  const tables = new Map<string, TableModel>(
    relations.map((r) => {
      const kind = r.type === "VIEW" ? "view" : "table";
      // A view's TABLE_COMMENT is the word VIEW, not a comment.
      const comment = kind === "table" && r.comment ? r.comment : undefined;
      return [r.name, { schema, name: r.name, kind, comment, columns: [], primaryKey: [], uniqueIndexes: [], foreignKeys: [] }];
    }),
  );

  // MariaDB declares JSON as a longtext with a json_valid(`column`) check.
  const jsonColumns = new Set<string>();
  if (/mariadb/i.test(version)) {
    const checks = await rows<{ table: string; clause: string }>(
      `SELECT TABLE_NAME AS \`table\`, CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?`,
      [schema],
    );
    for (const c of checks) {
      const column = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(c.clause.trim())?.[1];
      if (column) jsonColumns.add(`${c.table}\0${column.replaceAll("``", "`")}`);
    }
  }

  const columns = await rows<{ table: string; name: string; nullable: string; dataType: string; columnType: string; comment: string }>(
    `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS name, IS_NULLABLE AS nullable, DATA_TYPE AS dataType,
            COLUMN_TYPE AS columnType, COLUMN_COMMENT AS comment
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [schema],
  );
  for (const c of columns) {
    const column: ColumnModel = { name: c.name, type: c.columnType.toLowerCase(), nullable: c.nullable === "YES" };
    if (c.comment) column.comment = c.comment;
    if (c.dataType.toLowerCase() === "enum") column.enum = { values: enumValues(c.columnType) };
    if (jsonColumns.has(`${c.table}\0${c.name}`)) column.json = true;
    tables.get(c.table)?.columns.push(column);
  }

  const indexes = await rows<{ table: string; name: string; column: string | null }>(
    `SELECT TABLE_NAME AS \`table\`, INDEX_NAME AS name, COLUMN_NAME AS \`column\` FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = ? AND NON_UNIQUE = 0 ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    [schema],
  );
  for (const group of groupRows(indexes, (r) => `${r.table}\0${r.name}`)) {
    const table = tables.get(group[0].table);
    // A functional index part has no column.
    if (!table || group.some((r) => r.column === null)) continue;
    const names = group.map((r) => r.column!);
    if (group[0].name === "PRIMARY") table.primaryKey = names;
    else table.uniqueIndexes.push({ name: group[0].name, columns: names });
  }

  const keys = await rows<{ table: string; name: string; column: string; targetSchema: string; targetTable: string; targetColumn: string }>(
    `SELECT TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS name, COLUMN_NAME AS \`column\`, REFERENCED_TABLE_SCHEMA AS targetSchema,
            REFERENCED_TABLE_NAME AS targetTable, REFERENCED_COLUMN_NAME AS targetColumn
       FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
    [schema],
  );
  for (const group of groupRows(keys, (r) => `${r.table}\0${r.name}`)) {
    tables.get(group[0].table)?.foreignKeys.push({
      name: group[0].name,
      columns: group.map((r) => r.column),
      targetSchema: group[0].targetSchema,
      targetTable: group[0].targetTable,
      targetColumns: group.map((r) => r.targetColumn),
    });
  }
  return { dialect: "mysql", database: schema, schema, tables: [...tables.values()] };
}

/** The values of `enum('a','it''s')`, as information_schema spells the type. */
export function enumValues(columnType: string): string[] {
  const body = columnType.slice(columnType.indexOf("(") + 1, columnType.lastIndexOf(")"));
  return [...body.matchAll(/'((?:[^'\\]|''|\\.)*)'/g)].map((m) => m[1].replaceAll("''", "'").replace(/\\(.)/g, "$1"));
}
