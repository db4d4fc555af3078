import { basename } from "node:path";
import type { Knex } from "knex";
import type { DatabaseModel, TableModel } from "./DatabaseModel.js";
import { groupRows } from "./groupRows.js";
import { IntrospectError } from "./IntrospectError.js";

/** One database of a SQLite connection (`main`, or an attached one), from its pragmas. SQLite keeps no comments. */
export async function readSqlite(knex: Knex, schema = "main"): Promise<DatabaseModel> {
  const rows = async <T>(sql: string, bindings: readonly Knex.RawBinding[] = []) => (await knex.raw(sql, bindings)) as T[];
  const [attached] = await rows<{ file: string }>(`SELECT file FROM pragma_database_list WHERE name = ?`, [schema]);
  if (!attached) throw new IntrospectError(`no database "${schema}" is attached to this SQLite connection`);

  // Shadow tables (behind full-text indexes) are storage, not data.
  const relations = await rows<{ name: string; type: string }>(
    `SELECT name, type FROM pragma_table_list WHERE schema = ? AND type IN ('table', 'view', 'virtual') ORDER BY name`,
    [schema],
  );
  const tables: TableModel[] = [];
  for (const { name, type } of relations) {
    const columns = await rows<{ name: string; type: string; notnull: number; pk: number }>(
      `SELECT name, type, "notnull", pk FROM pragma_table_xinfo(?, ?) WHERE hidden IN (0, 2, 3) ORDER BY cid`,
      [name, schema],
    );
    const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    // An INTEGER PRIMARY KEY is the rowid: never NULL, whatever the column says.
    const rowid = primaryKey.length === 1 && columns.find((c) => c.name === primaryKey[0])!.type.toUpperCase() === "INTEGER";
    const table: TableModel = {
      schema,
      name,
      kind: type === "view" ? "view" : "table",
      columns: columns.map((c) => ({ name: c.name, type: c.type, nullable: !(c.notnull || (rowid && c.pk === 1)) })),
      primaryKey,
      uniqueIndexes: [],
      foreignKeys: [],
    };
    const indexes = await rows<{ index: string; column: string | null }>(
      `SELECT l.name AS "index", i.name AS "column"
         FROM pragma_index_list(?, ?) AS l JOIN pragma_index_xinfo(l.name, ?) AS i
        WHERE l."unique" = 1 AND l.partial = 0 AND l.origin <> 'pk' AND i."key" = 1
        ORDER BY l.name, i.seqno`,
      [name, schema, schema],
    );
    for (const group of groupRows(indexes, (r) => r.index)) {
      // An expression in the index has no column name.
      if (group.every((r) => r.column !== null)) table.uniqueIndexes.push({ name: group[0].index, columns: group.map((r) => r.column!) });
    }
    const keys = await rows<{ id: number; table: string; from: string; to: string | null }>(
      `SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?, ?) ORDER BY id, seq`,
      [name, schema],
    );
    for (const group of groupRows(keys, (r) => String(r.id))) {
      const target = group[0].table;
      // A foreign key naming no columns references the target's primary key.
      const targetColumns = group.some((r) => r.to === null) ? await primaryKeyOf(target) : group.map((r) => r.to!);
      table.foreignKeys.push({ name: `fk_${name}_${group[0].id}`, columns: group.map((r) => r.from), targetSchema: schema, targetTable: target, targetColumns });
    }
    tables.push(table);
  }
  matchTargetNames(tables);
  return { dialect: "sqlite", database: attached.file ? basename(attached.file) : schema, schema, tables };

  async function primaryKeyOf(table: string): Promise<string[]> {
    const columns = await rows<{ name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info(?, ?) WHERE pk > 0 ORDER BY pk`, [table, schema]);
    return columns.map((c) => c.name);
  }
}

/** SQLite matches table and column names without case: a foreign key may spell its target otherwise. */
function matchTargetNames(tables: TableModel[]): void {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  for (const key of tables.flatMap((t) => t.foreignKeys)) {
    const target = byName.get(key.targetTable.toLowerCase());
    if (!target) continue;
    key.targetTable = target.name;
    key.targetColumns = key.targetColumns.map((c) => target.columns.find((tc) => tc.name.toLowerCase() === c.toLowerCase())?.name ?? c);
  }
}
