import type { DatabaseModel } from "./DatabaseModel.js";
import { IntrospectError } from "./IntrospectError.js";

/** The model with only the tables asked for (all when `names` is undefined); there must be some. */
export function selectTables(model: DatabaseModel, names?: string[]): DatabaseModel {
  const where = model.dialect === "mysql" ? `database ${model.schema}` : `schema ${model.schema} of ${model.database}`;
  if (model.tables.length === 0) throw new IntrospectError(`no tables or views in ${where}`);
  if (!names) return model;
  const missing = names.filter((n) => !model.tables.some((t) => t.name === n));
  if (missing.length > 0) throw new IntrospectError(`--tables: no table or view ${missing.map((n) => `"${n}"`).join(", ")} in ${where}`);
  return { ...model, tables: model.tables.filter((t) => names.includes(t.name)) };
}
