import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { openSqlMesh, type SqlMesh } from "../support/sqlMesh.js";

// With sql.tls, the token (the password) travels encrypted: clients that ask for SSL get TLS.

let sql: SqlMesh;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshql-tls-"));
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
  const sqlite = inject("meshqlTargets").find((t) => t.dialect === "sqlite")!;
  sql = await openSqlMesh(sqlite.stores!, "sqlite_tls", { tls: { key, cert } });
}, 120_000);
afterAll(() => sql?.close());

it("speaks TLS to a client that asks for it, and still answers one that does not", async () => {
  const secure = await sql.connect("analyst", "analytics", { ssl: { rejectUnauthorized: false } });
  const socket = (secure as unknown as { connection: { stream: TLSSocket } }).connection.stream;
  expect(socket.encrypted).toBe(true);
  expect(socket.getPeerCertificate().subject.CN).toBe("localhost");
  expect((await secure.query("SELECT count(*)::int AS n FROM crm.customer")).rows).toEqual([{ n: 59 }]);
  const plain = await sql.connect("analyst", "analytics");
  expect((await plain.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
});
