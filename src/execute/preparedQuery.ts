import { serialize } from "pg-protocol";
import { prepareValue } from "pg/lib/utils.js";

/** A column of a prepared statement's rows: its name and how its text is read. */
export interface Column {
  name: string;
  parse: (text: string) => unknown;
}

/** The statements prepared on one connection, by name, with their columns. */
export type PreparedStatements = Map<string, readonly Column[]>;

/** How a connection reads a column's text, by type (node-postgres' Client, with its own parsers). */
export interface TypeParsers {
  getTypeParser(oid: number, format: "text"): (text: string) => unknown;
}

/** What node-postgres' Client gives the query it runs (its `Submittable` protocol). */
interface PgConnection {
  stream: { write(chunk: Buffer): boolean };
  parsedStatements: Record<string, string>;
  sendCopyFail(message: string): void;
}

interface RowDescription {
  fields: { name: string; dataTypeID: number }[];
}

type Callback = (error: Error | null, result?: { rows: Record<string, unknown>[] }) => void;

const SYNC = serialize.sync();
const EXECUTE = serialize.execute({});

/**
 * One execution of a named prepared statement, as node-postgres' Client runs any query object
 * with a `submit` method. The first execution on a connection parses the statement and asks
 * for its columns once (Describe of the statement); every later one sends Bind, Execute and Sync
 * in one write, reads its rows with the columns learnt then, and skips the Describe of its portal
 * that node-postgres' own Query sends each time (and the row description the server sends back).
 */
export class PreparedQuery {
  readonly rows: Record<string, unknown>[] = [];
  callback?: Callback;

  private columns: readonly Column[] | undefined;

  /** `prepared`: the connection's statements, to which the first execution there adds this one. */
  constructor(
    readonly name: string,
    readonly text: string,
    private readonly values: readonly unknown[],
    private readonly prepared: PreparedStatements,
    private readonly parsers: TypeParsers,
  ) {
    this.columns = prepared.get(name);
  }

  submit(connection: PgConnection): null {
    const bind = serialize.bind({ statement: this.name, values: this.values as unknown[], valueMapper: prepareValue });
    if (this.columns) {
      connection.stream.write(Buffer.concat([bind, EXECUTE, SYNC]));
      return null;
    }
    const describe = serialize.describe({ type: "S", name: this.name });
    // The Client records the statement as parsed on its ParseComplete (this query has its name),
    // so a statement parsed by an execution that then failed is not parsed again.
    const parsed = connection.parsedStatements[this.name] === this.text;
    const parse = parsed ? [] : [serialize.parse({ name: this.name, text: this.text, types: [] })];
    connection.stream.write(Buffer.concat([...parse, describe, bind, EXECUTE, SYNC]));
    return null;
  }

  handleRowDescription(message: RowDescription): void {
    this.columns = message.fields.map((f) => ({ name: f.name, parse: this.parsers.getTypeParser(f.dataTypeID, "text") }));
    this.prepared.set(this.name, this.columns);
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    const columns = this.columns!;
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const text = message.fields[i];
      row[columns[i].name] = text === null ? null : columns[i].parse(text);
    }
    this.rows.push(row);
  }

  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail("meshql sends no COPY data");
  }

  handleCopyData(): void {}

  handleError(error: Error): void {
    this.answer(error);
  }

  handleReadyForQuery(): void {
    this.answer(null);
  }

  /** Once: after an error, the server's ReadyForQuery comes too. */
  private answer(error: Error | null): void {
    const callback = this.callback;
    this.callback = undefined;
    callback?.(error, error ? undefined : { rows: this.rows });
  }
}
