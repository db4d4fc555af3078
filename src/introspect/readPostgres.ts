import type { Knex } from "knex";
import type { ColumnModel, DatabaseModel, ForeignKeyModel, TableModel } from "./DatabaseModel.js";
import { groupRows } from "./groupRows.js";
import { IntrospectError } from "./IntrospectError.js";

// Relations meshql can read as products: tables, partitioned tables (not their partitions),
// views, materialized views and foreign tables.
const RELATIONS = `c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition`;

/** A pg_type row. OIDs are read as text: they are unsigned 32-bit, whatever the int parsers do. */
interface PgType {
  oid: string;
  typname: string;
  nspname: string;
  typtype: string;
  typcategory: string;
  typelem: string;
  typbasetype: string;
  typnotnull: boolean;
}

const NO_TYPE = "0";

/** One schema of a PostgreSQL database, from pg_catalog. */
export async function readPostgres(knex: Knex, schema = "public"): Promise<DatabaseModel> {
  const rows = async <T>(sql: string, bindings: readonly Knex.RawBinding[] = []) => (await knex.raw(sql, bindings)).rows as T[];
  const [{ database, found }] = await rows<{ database: string; found: boolean }>(
    `SELECT current_database() AS database, EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?) AS found`,
    [schema],
  );
  if (!found) throw new IntrospectError(`schema "${schema}" does not exist in the PostgreSQL database ${database}`);

  const relations = await rows<{ name: string; kind: string; comment: string | null }>(
    `SELECT c.relname AS name, c.relkind AS kind, obj_description(c.oid, 'pg_class') AS comment
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ? AND ${RELATIONS}
      ORDER BY c.relname`,
    [schema],
  );
  const tables = new Map<string, TableModel>(
    relations.map((r) => [
      r.name,
      {
        schema,
        name: r.name,
        kind: r.kind === "v" || r.kind === "m" ? "view" : "table",
        comment: r.comment ?? undefined,
        columns: [],
        primaryKey: [],
        uniqueIndexes: [],
        foreignKeys: [],
      },
    ]),
  );

  const columns = await rows<{ table: string; name: string; notnull: boolean; typid: string; comment: string | null }>(
    `SELECT c.relname AS "table", a.attname AS name, a.attnotnull AS notnull, a.atttypid::text AS typid,
            col_description(c.oid, a.attnum) AS comment
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ? AND ${RELATIONS} AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const types = await readTypes(knex, columns.map((c) => c.typid));
  const enumValues = await readEnumValues(knex, [...types.values()].filter((t) => t.typtype === "e").map((t) => t.oid));
  for (const c of columns) {
    const column = describeColumn(c.typid, types, enumValues);
    tables.get(c.table)?.columns.push({
      name: c.name,
      nullable: !(c.notnull || column.domainNotNull),
      comment: c.comment ?? undefined,
      ...column.model,
    });
  }

  const indexes = await rows<{ table: string; name: string; primary: boolean; column: string }>(
    `SELECT c.relname AS "table", ic.relname AS name, i.indisprimary AS primary, a.attname AS column
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class ic ON ic.oid = i.indexrelid
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE n.nspname = ? AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL AND k.ord <= i.indnkeyatts
      ORDER BY c.relname, ic.relname, k.ord`,
    [schema],
  );
  for (const group of groupRows(indexes, (r) => `${r.table}\0${r.name}`)) {
    const table = tables.get(group[0].table);
    if (!table) continue;
    const names = group.map((r) => r.column);
    if (group[0].primary) table.primaryKey = names;
    else table.uniqueIndexes.push({ name: group[0].name, columns: names });
  }

  const keys = await rows<{ table: string; name: string; targetSchema: string; targetTable: string; column: string; targetColumn: string; enforced: boolean }>(
    `SELECT c.relname AS "table", con.conname AS name, tn.nspname AS "targetSchema", tc.relname AS "targetTable",
            a.attname AS column, ta.attname AS "targetColumn",
            con.convalidated AND NOT tc.relrowsecurity AND NOT (c.relkind = 'r' AND c.relhassubclass)
              AND a.atttypid = ta.atttypid AND a.attcollation = ta.attcollation
              AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgconstraint = con.oid AND t.tgenabled = 'D') AS enforced
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class tc ON tc.oid = con.confrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
       CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, ord)
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
       JOIN pg_attribute ta ON ta.attrelid = con.confrelid AND ta.attnum = k.fattnum
      WHERE con.contype = 'f' AND n.nspname = ?
      ORDER BY c.relname, con.conname, k.ord`,
    [schema],
  );
  for (const group of groupRows(keys, (r) => `${r.table}\0${r.name}`)) {
    const key: ForeignKeyModel = {
      name: group[0].name,
      columns: group.map((r) => r.column),
      targetSchema: group[0].targetSchema,
      targetTable: group[0].targetTable,
      targetColumns: group.map((r) => r.targetColumn),
      enforced: group.every((r) => r.enforced),
    };
    tables.get(group[0].table)?.foreignKeys.push(key);
  }
  return { dialect: "postgres", database, schema, tables: [...tables.values()] };
}

/** Every type the columns use, with the base types of domains and the element types of arrays. */
async function readTypes(knex: Knex, oids: string[]): Promise<Map<string, PgType>> {
  const types = new Map<string, PgType>();
  let wanted = [...new Set(oids)];
  while (wanted.length > 0) {
    const { rows } = await knex.raw(
      `SELECT t.oid::text AS oid, t.typname, n.nspname, t.typtype, t.typcategory, t.typelem::text AS typelem,
              t.typbasetype::text AS typbasetype, t.typnotnull
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.oid IN (${wanted.map(() => "?").join(", ")})`,
      wanted,
    );
    for (const t of rows as PgType[]) types.set(t.oid, t);
    wanted = [...new Set((rows as PgType[]).flatMap((t) => [t.typelem, t.typbasetype]).filter((oid) => oid !== NO_TYPE && !types.has(oid)))];
  }
  return types;
}

async function readEnumValues(knex: Knex, oids: string[]): Promise<Map<string, string[]>> {
  const values = new Map<string, string[]>(oids.map((oid) => [oid, []]));
  if (oids.length === 0) return values;
  const { rows } = await knex.raw(
    `SELECT enumtypid::text AS oid, enumlabel AS label FROM pg_enum WHERE enumtypid IN (${oids.map(() => "?").join(", ")})
      ORDER BY enumtypid, enumsortorder`,
    oids,
  );
  for (const r of rows as { oid: string; label: string }[]) values.get(r.oid)!.push(r.label);
  return values;
}

/** A column's type after domains (whose NOT NULL carries over), with arrays seen through. */
function describeColumn(oid: string, types: Map<string, PgType>, enumValues: Map<string, string[]>) {
  const base = (start: string) => {
    let t = types.get(start)!;
    let notNull = false;
    while (t.typtype === "d") {
      notNull ||= t.typnotnull;
      t = types.get(t.typbasetype)!;
    }
    return { t, notNull };
  };
  const column = base(oid);
  let type = column.t;
  const array = type.typcategory === "A" && type.typelem !== NO_TYPE;
  if (array) type = base(type.typelem).t;
  const model: Omit<ColumnModel, "name" | "nullable" | "comment"> = { type: type.typname };
  if (array) model.array = true;
  if (type.typtype === "e") model.enum = { schema: type.nspname, name: type.typname, values: enumValues.get(type.oid) ?? [] };
  if (type.typtype === "c") model.typeKind = "composite";
  if (type.typtype === "r" || type.typtype === "m") model.typeKind = "range";
  if (type.typtype === "p") model.typeKind = "pseudo";
  return { model, domainNotNull: column.notNull };
}
