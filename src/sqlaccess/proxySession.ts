import type { Socket } from "node:net";
import type { AuditEvent } from "../audit/AuditEvent.js";
import { Refusal } from "./checkStatement.js";
import type { CheckedStatement, StatementGuard } from "./statementGuard.js";
import { errorFields, errorResponse, Framer, readCStrings } from "./wireMessages.js";

/** A statement on its way: what the audit event will say once the server answers it. */
interface Pending {
  /** Which Sync or Query it belongs to: its leftovers are dropped at that ReadyForQuery. */
  batch: number;
  statement?: CheckedStatement;
  started: number;
}

type RecordEvent = (event: Omit<AuditEvent, "at" | "subject" | "purpose" | "domain" | "fields">) => void;

/** Marks a refused statement in the server's error about it; the client gets meshql's refusal instead. */
const MARKER = /meshql_refused_(\d+)/;

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/**
 * Relays one authenticated client to its own server backend, message by message: each query
 * is checked before it is sent, and each statement's outcome becomes an audit event. A refused
 * statement is replaced by one the server rejects at once (a reference to a column that does not
 * exist, named after the refusal), so the server keeps the protocol's order, skips the rest of an
 * extended-protocol batch and reports the transaction state as for any error; meshql swaps that
 * error for the refusal. Both directions are framed here rather than by pg-gateway, whose
 * framing breaks on pipelined extended-protocol messages once hooks await.
 */
export class ProxySession {
  private readonly fromClient = new Framer(true);
  private readonly fromServer = new Framer(true);
  private readonly pending: Pending[] = [];
  /** Statements and portals by name, so an Execute knows what it runs. */
  private readonly prepared = new Map<string, CheckedStatement[]>();
  private readonly portals = new Map<string, CheckedStatement[]>();
  private readonly refusals = new Map<string, Refusal>();
  private refused = 0;
  /** Queries and Syncs sent to the server, and those it has answered with ReadyForQuery. */
  private batch = 0;
  private answered = 0;

  constructor(
    private readonly client: Socket,
    private readonly server: Socket,
    private readonly guard: StatementGuard,
    private readonly record: RecordEvent,
  ) {
    client.on("data", (chunk: Buffer) => this.relay(chunk, this.fromClient, (m) => this.fromClientMessage(m), server));
    server.on("data", (chunk: Buffer) => this.relay(chunk, this.fromServer, (m) => this.fromServerMessage(m), client));
    // A slow reader holds the other side back rather than letting buffers grow.
    client.on("drain", () => server.resume());
    server.on("drain", () => client.resume());
    client.resume();
    server.resume();
  }

  private relay(chunk: Buffer, framer: Framer, handle: (m: Buffer) => Buffer | undefined, to: Socket): void {
    let messages: Buffer[];
    try {
      messages = framer.push(chunk);
    } catch {
      this.client.destroy();
      this.server.destroy();
      return;
    }
    const out: Buffer[] = [];
    for (const m of messages) {
      const relayed = handle(m);
      if (relayed) out.push(relayed);
    }
    if (out.length && !to.write(out.length === 1 ? out[0] : Buffer.concat(out))) (to === this.client ? this.server : this.client).pause();
  }

  /** The message to send the server in place of the client's, or undefined for none. */
  private fromClientMessage(m: Buffer): Buffer | undefined {
    switch (String.fromCharCode(m[0])) {
      case "Q": {
        const [text] = readCStrings(m, 5, 1).values;
        const checked = this.check(text);
        this.batch++;
        if (checked instanceof Refusal) {
          this.pending.push({ batch: this.batch, started: performance.now() });
          return message("Q", Buffer.from(`${this.standIn(checked)}\0`, "utf8"));
        }
        for (const statement of checked.length ? checked : [undefined]) this.pending.push({ batch: this.batch, statement, started: performance.now() });
        return m;
      }
      case "P": {
        const [name, text] = readCStrings(m, 5, 2).values;
        const checked = this.check(text);
        if (!(checked instanceof Refusal)) {
          this.prepared.set(name, checked);
          return m;
        }
        this.prepared.set(name, []);
        // The same statement name, no parameter types: the server rejects it before any Bind.
        return message("P", Buffer.concat([Buffer.from(`${name}\0${this.standIn(checked)}\0`, "utf8"), Buffer.from([0, 0])]));
      }
      case "B": {
        const [portal, statement] = readCStrings(m, 5, 2).values;
        this.portals.set(portal, this.prepared.get(statement) ?? []);
        return m;
      }
      case "E": {
        const [portal] = readCStrings(m, 5, 1).values;
        this.pending.push({ batch: this.batch + 1, statement: this.portals.get(portal)?.[0], started: performance.now() });
        return m;
      }
      case "S":
        this.batch++;
        return m;
      case "D":
      case "C":
      case "H":
        return m;
      case "X":
        this.client.end();
        return m;
      case "F": {
        // The fast-path call names its function by OID, out of the parse tree's sight; its
        // answer ends with ReadyForQuery, as a query's does.
        const refusal = new Refusal("function calls by OID are not available through meshql's SQL endpoint", "42501");
        this.audit(refusal);
        this.batch++;
        this.pending.push({ batch: this.batch, started: performance.now() });
        return message("Q", Buffer.from(`${this.standIn(refusal)}\0`, "utf8"));
      }
      default:
        // COPY data and anything out of place: COPY itself is refused, so this is not a client to trust.
        this.client.destroy();
        return undefined;
    }
  }

  private fromServerMessage(m: Buffer): Buffer {
    switch (String.fromCharCode(m[0])) {
      case "C":
      case "I":
      case "s":
        this.finish("ok", m);
        return m;
      case "E": {
        const refusal = this.refusalIn(m);
        this.finish("error", m);
        return refusal ? errorResponse(refusal) : m;
      }
      case "Z":
        // Statements of this batch never answered were skipped after an error.
        this.answered++;
        while (this.pending.length && this.pending[0].batch <= this.answered) this.pending.shift();
        return m;
      default:
        return m;
    }
  }

  /** A statement the server rejects at once, naming the refusal it stands for. */
  private standIn(refusal: Refusal): string {
    const id = String(++this.refused);
    this.refusals.set(id, refusal);
    return `SELECT "meshql_refused_${id}"`;
  }

  private refusalIn(m: Buffer): Refusal | undefined {
    const id = MARKER.exec(errorFields(m).M ?? "")?.[1];
    if (id === undefined) return undefined;
    const refusal = this.refusals.get(id);
    this.refusals.delete(id);
    return refusal;
  }

  private check(text: string): CheckedStatement[] | Refusal {
    try {
      return this.guard.check(text);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      this.audit(error);
      return error;
    }
  }

  private audit(refusal: Refusal): void {
    this.record({ products: [], policies: [], rows: 0, durationMs: 0, outcome: "refused", errorCode: refusal.code, operation: refusal.message.slice(0, 200) });
  }

  private finish(outcome: "ok" | "error", m: Buffer): void {
    const done = this.pending.shift();
    const statement = done?.statement;
    if (!done || !statement?.info.reads) return;
    const tag = outcome === "ok" && m[0] === 0x43 ? readCStrings(m, 5, 1).values[0] : "";
    this.record({
      operation: statement.info.kind === "SelectStmt" ? "SELECT" : statement.info.kind.replace(/Stmt$/, "").toUpperCase(),
      products: statement.products,
      policies: this.guard.policiesFor(statement.products),
      rows: Number(/ (\d+)$/.exec(tag)?.[1] ?? 0),
      durationMs: Math.round(performance.now() - done.started),
      outcome,
      errorCode: outcome === "error" ? errorFields(m).C : undefined,
    });
  }
}
