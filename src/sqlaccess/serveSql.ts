import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createConnection, createServer, type AddressInfo, type Socket } from "node:net";
import pg from "pg";
import { PostgresConnection, type State } from "pg-gateway";
import type { AuditLog } from "../audit/AuditLog.js";
import type { Verifier } from "../identity/createVerifier.js";
import type { Identity } from "../identity/Identity.js";
import { isApiProduct, type Domain } from "../metadata/model.js";
import type { Policy } from "../policy/model.js";
import { logger } from "../server/logger.js";
import { loadParser } from "./checkStatement.js";
import type { MeshDatabase } from "./provisionMeshDatabase.js";
import { ProxySession } from "./proxySession.js";
import { ReaderRoles } from "./readerRole.js";
import { ApplicablePolicies } from "../policy/applicablePolicies.js";
import { SessionTable } from "./sessionTable.js";
import { domainSchemas, productsBySqlName, StatementGuard } from "./statementGuard.js";
import { authenticationCleartextPassword, authenticationOk, backendKeyData, cancelRequest, errorResponse, Framer, isCancelRequest, parameterStatus, readCStrings, readyForQuery } from "./wireMessages.js";

export interface SqlEndpoint {
  port: number;
  /** How to connect with psql as someone, for the start-up banner. */
  psql(user: string, token: string, purpose?: string): string;
  stop(): Promise<void>;
}

export interface SqlEndpointOptions {
  mesh: MeshDatabase;
  domains: Domain[];
  policies: Policy[];
  verify: Verifier;
  audit: AuditLog;
  port: number;
  tls?: { key: string; cert: string };
}

// Startup parameters a client may pass on to its backend (the rest are meshql's to decide).
const PASSED_ON = ["DateStyle", "TimeZone", "IntervalStyle", "extra_float_digits", "search_path", "application_name"];

/**
 * The SQL endpoint: PostgreSQL's wire protocol on `port`. pg-gateway answers SSL and reads the
 * startup message; meshql then asks for the password, verifies it as a bearer token (the
 * purpose from `options=-c meshql.purpose=…`), opens a backend on the mesh database as the
 * reader role, records the caller's policies for that backend, and relays the session.
 */
export async function serveSql(options: SqlEndpointOptions): Promise<SqlEndpoint> {
  await loadParser();
  const products = options.domains.flatMap((d) => [...d.types.values()].filter(isApiProduct));
  const bySqlName = productsBySqlName(products);
  const schemas = domainSchemas(products);
  const sessions = new SessionTable(options.mesh.url);
  await sessions.sweep();
  const roles = new ReaderRoles(sessions.admin, options.mesh.reader, products, options.mesh.setup);
  const meshUrl = new URL(options.mesh.url);
  /** Our cancel keys: a client's key for its backend → the server's key. */
  const cancelKeys = new Map<number, { pid: number; key: number }>();
  const sockets = new Set<Socket>();
  const tls = options.tls && { key: readFileSync(options.tls.key), cert: readFileSync(options.tls.cert) };

  const server = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    const connection: PostgresConnection = new PostgresConnection(socket, {
      tls,
      onMessage(data, state) {
        if (state.hasStarted || !isCancelRequest(Buffer.from(data))) return false;
        const buffer = Buffer.from(data);
        const target = cancelKeys.get(buffer.readInt32BE(12));
        if (target && target.pid === buffer.readInt32BE(8)) sendCancel(meshUrl, target.pid, target.key);
        socket.end();
        return true;
      },
      onStartup(state) {
        // From here on meshql frames the messages itself (see ProxySession).
        const client = connection.detach();
        login(client, state).catch((error) => {
          logger.error({ err: error }, "SQL session failed");
          client.destroy();
        });
        return true;
      },
    });
  });

  async function login(client: Socket, state: State): Promise<void> {
    const parameters = state.clientInfo!.parameters;
    client.write(authenticationCleartextPassword());
    const password = await readPassword(client);
    const fatal = (code: string, message: string): void => void client.end(errorResponse({ severity: "FATAL", code, message }));
    if (password === undefined) return void client.destroy();
    if (parameters.client_encoding && !/^(utf-?8|unicode)$/i.test(parameters.client_encoding)) {
      return fatal("22021", `meshql's SQL endpoint speaks UTF8 only, not ${parameters.client_encoding}`);
    }
    if (!/^\S+$/.test(password)) return fatal("28P01", "the password must be a bearer token (a JWT)");
    let identity: Identity;
    try {
      identity = await options.verify(`Bearer ${password}`, purposeOf(parameters.options));
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code === "FORBIDDEN" ? "28000" : "28P01";
      return fatal(code, (error as Error).message);
    }
    // Every SQL session has someone to audit (and so @authenticated always holds here).
    if (!identity.subject) return fatal("28000", "the token names no subject (sub): SQL sessions need one");
    // A caller denied some products runs as a role that cannot see them at all.
    const applicable = new ApplicablePolicies(options.policies, identity);
    let role: string;
    try {
      role = await roles.roleFor(products.filter((p) => applicable.denial(p)));
    } catch (error) {
      logger.error({ err: error }, "reader role not made");
      return fatal("08006", "the SQL session could not be opened");
    }
    const passed = PASSED_ON.filter((p) => parameters[p] ?? parameters[p.toLowerCase()]);
    const backend = new pg.Client({
      host: meshUrl.hostname,
      port: Number(meshUrl.port || 5432),
      database: options.mesh.database,
      user: role,
      password: options.mesh.setup.password,
      application_name: `meshql sql ${identity.subject ?? ""}`.trim().slice(0, 63),
      options: passed.map((p) => `-c ${p}=${(parameters[p] ?? parameters[p.toLowerCase()]).replace(/[\\ ]/g, "\\$&")}`).join(" ") || undefined,
    });
    const status: [string, string][] = [];
    backend.connection.on("parameterStatus", (m: { parameterName: string; parameterValue: string }) => status.push([m.parameterName, m.parameterValue]));
    try {
      await backend.connect();
    } catch (error) {
      return fatal("08006", `the mesh database cannot be reached: ${(error as Error).message}`);
    }
    const pid = (backend as unknown as { processID: number }).processID;
    const serverKey = (backend as unknown as { secretKey: number }).secretKey;
    try {
      await sessions.open(pid, identity, options.policies);
    } catch (error) {
      await backend.end();
      return fatal("08006", `the SQL session could not be opened: ${(error as Error).message}`);
    }
    const serverSocket = takeOver(backend);
    const clientKey = randomInt(1, 2 ** 31 - 1);
    cancelKeys.set(clientKey, { pid, key: serverKey });
    const startupPath = parameters.search_path?.split(",").map((s) => s.trim().replace(/^"(.*)"$/, "$1"));
    const guard = new StatementGuard(bySqlName, schemas, options.policies, identity, startupPath);
    new ProxySession(client, serverSocket, guard, (event) =>
      options.audit.record({ ...event, at: new Date(), subject: identity.subject, purpose: identity.purpose, domain: "sql", fields: [] }),
    );
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      cancelKeys.delete(clientKey);
      client.destroy();
      serverSocket.end();
      sessions.close(pid).catch((error) => logger.warn({ err: error, pid }, "SQL session row not removed"));
    };
    client.on("close", close);
    serverSocket.on("close", close);
    serverSocket.on("error", close);
    client.write(
      Buffer.concat([authenticationOk(), ...status.map(([k, v]) => parameterStatus(k, v)), backendKeyData(pid, clientKey), readyForQuery("I")]),
    );
    logger.info({ subject: identity.subject, purpose: identity.purpose, pid }, "SQL session opened");
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    psql: (user, token, purpose) =>
      `PGPASSWORD=${token} ${purpose ? `PGOPTIONS='-c meshql.purpose=${purpose}' ` : ""}psql -h localhost -p ${port} -U ${user} ${options.mesh.database}`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      await sessions.sweep().catch(() => {});
      await sessions.end();
    },
  };
}

// A client that does not answer the password request within this long is let go.
const LOGIN_DEADLINE_MS = 30_000;

/** The client's password message, as the only message it may send now. */
function readPassword(client: Socket): Promise<string | undefined> {
  const framer = new Framer(true);
  return new Promise((resolve) => {
    const deadline = setTimeout(() => resolve(undefined), LOGIN_DEADLINE_MS).unref();
    const onData = (chunk: Buffer) => {
      let m: Buffer | undefined;
      try {
        [m] = framer.push(chunk);
      } catch {
        return resolve(undefined);
      }
      if (!m) return;
      clearTimeout(deadline);
      client.off("data", onData);
      client.pause();
      resolve(m[0] === 0x70 ? readCStrings(m, 5, 1).values[0] : undefined);
    };
    client.on("data", onData);
    client.once("close", () => resolve(undefined));
    client.resume();
  });
}

/** `meshql.purpose` from the startup `options` (`-c meshql.purpose=analytics` or `--meshql.purpose=analytics`). */
export function purposeOf(options: string | undefined): string | undefined {
  const match = /(?:^|\s)(?:-c\s*|--)meshql\.purpose=((?:\\.|\S)*)/.exec(options ?? "");
  return match?.[1].replace(/\\(.)/g, "$1");
}

/** The backend's socket, taken from node-postgres once it has logged in: from here meshql relays raw messages. */
function takeOver(client: pg.Client): Socket {
  const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  for (const event of ["data", "error", "close", "end"]) stream.removeAllListeners(event);
  stream.setNoDelay(true);
  return stream;
}

function sendCancel(url: URL, pid: number, key: number): void {
  const socket = createConnection({ host: url.hostname, port: Number(url.port || 5432) }, () => socket.end(cancelRequest(pid, key)));
  socket.on("error", () => socket.destroy());
}
