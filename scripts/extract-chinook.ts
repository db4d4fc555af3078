/**
 * Regenerates data/chinook/<table>.json from the Chinook SQLite database (MIT, Luis Rocha).
 *
 *   npx tsx scripts/extract-chinook.ts [path/to/Chinook_Sqlite.sqlite]
 *
 * Tables and columns are renamed to the snake_case of Chinook_PostgreSql.sql (AlbumId →
 * album_id, PlaylistTrack → playlist_track); values are kept as stored, dates as their text.
 * One row per line keeps the files compact and their diffs readable.
 */
import Database from "better-sqlite3";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const source = resolve(process.argv[2] ?? join(root, "../shared/datasets/chinook/Chinook_Sqlite.sqlite"));
const target = join(root, "data/chinook");

const TABLES = ["Artist", "Album", "Genre", "MediaType", "Track", "Playlist", "PlaylistTrack",
  "Employee", "Customer", "Invoice", "InvoiceLine"];

const snake = (name: string) => name.replace(/(?<=[a-z0-9])([A-Z])/g, "_$1").toLowerCase();

const db = new Database(source, { readonly: true, fileMustExist: true });
mkdirSync(target, { recursive: true });
for (const table of TABLES) {
  const info = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[];
  const keys = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `"${c.name}"`);
  const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY ${keys.join(", ")}`).raw().all() as unknown[][];
  const columns = info.map((c) => snake(c.name));
  const body = rows.map((row) => JSON.stringify(row)).join(",\n");
  writeFileSync(join(target, `${snake(table)}.json`), `{"columns":${JSON.stringify(columns)},"rows":[\n${body}\n]}\n`);
  console.log(`${snake(table)}: ${rows.length} rows`);
}
db.close();
// Written rather than copied, so the source's read-only mode does not follow.
writeFileSync(join(target, "LICENSE.md"), readFileSync(join(dirname(source), "LICENSE.md")));
