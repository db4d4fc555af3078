import { loadModule, parseSync } from "libpg-query";

/** What one statement of a caller does, from PostgreSQL's own parser. */
export interface StatementInfo {
  /** The parse node's name, e.g. SelectStmt. */
  kind: string;
  /** Whether it reads rows (and so is audited): queries, EXPLAIN, cursors. */
  reads: boolean;
  /** Schema-qualified relations it names (`crm.customer`); unqualified ones are resolved on the search path. */
  relations: { schema?: string; name: string }[];
  /** A new search_path the statement sets, if it does. */
  searchPath?: string[];
}

/** A statement the endpoint will not run, with the SQLSTATE to answer. */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export const loadParser = (): Promise<void> => loadModule();

// Settings a client (psql, JDBC, BI tools) may change for its own session; anything else stays
// as the role's configuration says (statement_timeout and read-only among them).
const SETTABLE = new Set([
  "application_name", "datestyle", "intervalstyle", "timezone", "extra_float_digits", "search_path", "bytea_output",
  "client_min_messages", "lc_messages", "lc_monetary", "lc_numeric", "lc_time", "geqo", "jit", "work_mem", "enable_seqscan",
  "enable_nestloop", "enable_hashjoin", "enable_mergejoin", "max_parallel_workers_per_gather", "standard_conforming_strings",
  "transaction_isolation",
]);

// Functions that run SQL text, reach other sessions, change settings or write outside tables.
// The role may not execute most of them either; the parse tree check gives the clear error.
const REFUSED_FUNCTION = /^(set_config|query_to_xml.*|table_to_xml.*|cursor_to_xml.*|schema_to_xml.*|database_to_xml.*|query_to_xmlschema|table_to_xmlschema|cursor_to_xmlschema|schema_to_xmlschema|database_to_xmlschema|dblink.*|pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|pg_read_file|pg_read_binary_file|pg_ls_.*|pg_stat_file|pg_advisory_.*|pg_try_advisory_.*|pg_notify|lo_.*|nextval|setval|pg_sleep.*|pg_logical_emit_message|pg_stat_reset.*|pg_switch_wal|pg_create_restore_point|pg_export_snapshot|pg_stat_get_activity|txid_current|pg_current_xact_id)$/;

const WRITES = new Set(["InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"]);

const label = (kind: string) => kind.replace(/Stmt$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();

const readOnly = (kind: string) =>
  new Refusal(`meshql's SQL endpoint is read-only: ${label(kind)} is not allowed (SELECT, EXPLAIN, SHOW and catalog reads are)`, "25006");

/**
 * Each statement of a query string, checked: only reads (SELECT, EXPLAIN, cursors over a
 * SELECT), SHOW, transaction control and a few session settings pass; anything else, a
 * data-modifying CTE, SELECT INTO, FOR UPDATE or a function that would reach past the session
 * is refused. What the parser cannot read is refused as a syntax error, never passed on unread.
 */
export function checkStatements(text: string): StatementInfo[] {
  let tree: { stmts?: { stmt: Record<string, any> }[] };
  try {
    tree = parseSync(text);
  } catch (error) {
    throw new Refusal((error as Error).message, "42601");
  }
  return (tree.stmts ?? []).map(({ stmt }) => checkOne(stmt));
}

function checkOne(stmt: Record<string, any>): StatementInfo {
  const [kind, node] = Object.entries(stmt)[0];
  switch (kind) {
    case "SelectStmt":
      return { kind, reads: true, relations: checkQuery(node) };
    case "ExplainStmt":
    case "DeclareCursorStmt":
    case "PrepareStmt": {
      const inner = checkOne(node.query);
      if (!inner.reads) throw readOnly(inner.kind);
      return { kind, reads: kind !== "PrepareStmt", relations: inner.relations };
    }
    case "VariableShowStmt":
    case "FetchStmt":
    case "ClosePortalStmt":
    case "DeallocateStmt":
    case "ExecuteStmt":
    case "DiscardStmt":
      return { kind, reads: kind === "FetchStmt" || kind === "ExecuteStmt", relations: [] };
    case "TransactionStmt":
      refuseReadWrite(node.options);
      return { kind, reads: false, relations: [] };
    case "VariableSetStmt": {
      const name = String(node.name ?? "").toLowerCase();
      if (node.kind === "VAR_RESET_ALL") return { kind, reads: false, relations: [] };
      // SET TRANSACTION … and SET SESSION CHARACTERISTICS AS TRANSACTION … (JDBC's isolation levels).
      if (node.kind === "VAR_SET_MULTI" && (name === "transaction" || name === "session characteristics")) {
        refuseReadWrite(node.args);
        return { kind, reads: false, relations: [] };
      }
      if (!SETTABLE.has(name)) throw new Refusal(`${name || "this setting"} cannot be changed through meshql's SQL endpoint`, "42501");
      const searchPath = name === "search_path" ? (node.args ?? []).map((a: any) => a.A_Const?.sval?.sval ?? "") : undefined;
      return { kind, reads: false, relations: [], searchPath };
    }
    default:
      throw readOnly(kind);
  }
}

/** Transaction modes may choose an isolation level, not READ WRITE. */
function refuseReadWrite(modes: any[] | undefined): void {
  // The parse tree leaves out zero values: READ WRITE is transaction_read_only with an empty ival.
  const readWrite = (modes ?? []).some((o: any) => o.DefElem?.defname === "transaction_read_only" && (o.DefElem.arg?.A_Const?.ival?.ival ?? 0) === 0);
  if (readWrite) throw readOnly("READ WRITE transaction");
}

/** Walks a query's whole tree: the relations it names, and anything that would make it more than a read. */
function checkQuery(root: unknown): StatementInfo["relations"] {
  const relations: StatementInfo["relations"] = [];
  const ctes = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value as Record<string, any>)) {
      if (WRITES.has(key)) throw readOnly(key);
      if (key === "intoClause") throw readOnly("SELECT INTO");
      if (key === "lockingClause") throw new Refusal("meshql's SQL endpoint is read-only: row locks (FOR UPDATE, FOR SHARE) are not allowed", "25006");
      if (key === "CommonTableExpr") ctes.add(child.ctename);
      if (key === "RangeVar") relations.push({ schema: child.schemaname, name: child.relname });
      if (key === "FuncCall") {
        const name: string = child.funcname.at(-1)?.String?.sval ?? "";
        if (REFUSED_FUNCTION.test(name.toLowerCase())) throw new Refusal(`${name}() is not available through meshql's SQL endpoint`, "42501");
      }
      walk(child);
    }
  };
  walk(root);
  return relations.filter((r) => r.schema !== undefined || !ctes.has(r.name));
}
