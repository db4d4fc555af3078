import type { Socket } from "node:net";
import type { AuditEvent } from "../audit/AuditEvent.js";
import type { Identity } from "../identity/Identity.js";
import { Refusal } from "./checkStatement.js";
import type { CheckedStatement, StatementGuard } from "./statementGuard.js";
import { errorFields, errorResponse, Framer, readCStrings, readyForQuery } from "./wireMessages.js";

/** A statement on its way: what the audit event will say once the server answers it. */
interface Pending {
  /** Which Sync or Query it belongs to: its leftovers are dropped at that ReadyForQuery. */
  batch: number;
  statement?: CheckedStatement;
  started: number;
}

/** One ReadyForQuery the client will get, in order: the server's own, or one meshql answers. */
interface Expected {
  /** An error to send first: a refused extended-protocol statement, answered at its Sync. */
  errorBefore?: Buffer;
  /** Answered by meshql alone (a refused simple query): no server message corresponds. */
  synthetic?: Buffer;
}

type RecordEvent = (event: Omit<AuditEvent, "at" | "subject" | "purpose" | "domain" | "fields">) => void;

/**
 * Relays one authenticated client to its own server backend, message by message: each query
 * is checked before it is sent (a refusal is answered in its place, in protocol order), and
 * each statement's outcome becomes an audit event. Both directions are framed here rather than
 * by pg-gateway, whose framing breaks on pipelined extended-protocol messages once hooks await.
 */
export class ProxySession {
  private readonly fromClient = new Framer(true);
  private readonly fromServer = new Framer(true);
  private readonly expected: Expected[] = [];
  private readonly pending: Pending[] = [];
  /** Statements and portals by name, so an Execute knows what it runs. */
  private readonly prepared = new Map<string, CheckedStatement[]>();
  private readonly portals = new Map<string, CheckedStatement[]>();
  /** Set while the rest of an extended-protocol batch is dropped, up to its Sync. */
  private refusedUntilSync?: Refusal;
  /** Queries and Syncs sent to the server, and those it has answered with ReadyForQuery. */
  private batch = 0;
  private answered = 0;
  private status = "I";

  constructor(
    private readonly client: Socket,
    private readonly server: Socket,
    private readonly guard: StatementGuard,
    private readonly record: RecordEvent,
  ) {
    client.on("data", (chunk: Buffer) => this.relay(chunk, this.fromClient, (m, out) => this.fromClientMessage(m, out), server));
    server.on("data", (chunk: Buffer) => this.relay(chunk, this.fromServer, (m, out) => this.fromServerMessage(m, out), client));
    // A slow reader holds the other side back rather than letting buffers grow.
    client.on("drain", () => server.resume());
    server.on("drain", () => client.resume());
    client.resume();
    server.resume();
  }

  private relay(chunk: Buffer, framer: Framer, handle: (m: Buffer, out: Buffer[]) => void, to: Socket): void {
    const out: Buffer[] = [];
    let messages: Buffer[];
    try {
      messages = framer.push(chunk);
    } catch {
      this.client.destroy();
      this.server.destroy();
      return;
    }
    for (const m of messages) handle(m, out);
    if (out.length && !to.write(out.length === 1 ? out[0] : Buffer.concat(out))) (to === this.client ? this.server : this.client).pause();
  }

  private fromClientMessage(m: Buffer, toServer: Buffer[]): void {
    const type = String.fromCharCode(m[0]);
    if (this.refusedUntilSync && type !== "S") return;
    switch (type) {
      case "Q": {
        const [text] = readCStrings(m, 5, 1).values;
        const checked = this.check(text);
        if (checked instanceof Refusal) return this.refuseQuery(checked);
        this.batch++;
        for (const statement of checked.length ? checked : [undefined]) this.pending.push({ batch: this.batch, statement, started: performance.now() });
        this.expected.push({});
        break;
      }
      case "P": {
        const [name, text] = readCStrings(m, 5, 2).values;
        const checked = this.check(text);
        if (checked instanceof Refusal) {
          this.refusedUntilSync = checked;
          return;
        }
        this.prepared.set(name, checked);
        break;
      }
      case "B": {
        const [portal, statement] = readCStrings(m, 5, 2).values;
        this.portals.set(portal, this.prepared.get(statement) ?? []);
        break;
      }
      case "E": {
        const [portal] = readCStrings(m, 5, 1).values;
        this.pending.push({ batch: this.batch + 1, statement: this.portals.get(portal)?.[0], started: performance.now() });
        break;
      }
      case "S":
        this.batch++;
        this.expected.push(this.refusedUntilSync ? { errorBefore: errorResponse(this.refusedUntilSync) } : {});
        this.refusedUntilSync = undefined;
        break;
      case "D":
      case "C":
      case "H":
        break;
      case "X":
        toServer.push(m);
        this.client.end();
        return;
      case "F":
        // The fast-path function call names functions by OID, out of the parse tree's sight.
        return this.refuseQuery(new Refusal("function calls by OID are not available through meshql's SQL endpoint", "42501"));
      default:
        // COPY data and anything out of place: COPY itself is refused, so this is not a client to trust.
        this.client.destroy();
        return;
    }
    toServer.push(m);
  }

  private fromServerMessage(m: Buffer, toClient: Buffer[]): void {
    switch (String.fromCharCode(m[0])) {
      case "C":
      case "I":
      case "s":
        this.finish("ok", m);
        break;
      case "E":
        this.finish("error", m);
        break;
      case "Z": {
        this.status = String.fromCharCode(m[5]);
        const answered = this.expected.shift();
        if (answered?.errorBefore) toClient.push(answered.errorBefore);
        toClient.push(m);
        // Statements of this batch never answered were skipped after an error.
        this.answered++;
        while (this.pending.length && this.pending[0].batch <= this.answered) this.pending.shift();
        this.flushSynthetic(toClient);
        return;
      }
    }
    toClient.push(m);
  }

  /** A refused simple query is answered when every earlier query has been. */
  private refuseQuery(refusal: Refusal): void {
    this.expected.push({ synthetic: Buffer.concat([errorResponse(refusal), readyForQuery(this.status)]) });
    if (this.expected.length === 1) {
      const out: Buffer[] = [];
      this.flushSynthetic(out);
      this.client.write(Buffer.concat(out));
    }
  }

  private flushSynthetic(out: Buffer[]): void {
    while (this.expected[0]?.synthetic) out.push(this.expected.shift()!.synthetic!);
  }

  private check(text: string): CheckedStatement[] | Refusal {
    try {
      return this.guard.check(text);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      this.record({ products: [], policies: [], rows: 0, durationMs: 0, outcome: "refused", errorCode: error.code, operation: error.message.slice(0, 200) });
      return error;
    }
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
