import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chinookDatasets } from "../introspect/scratchDatabases.js";

// A mesh as a stranger writes one: a folder of its own holding a copy of Chinook's SQLite file
// (`music.sqlite`, which meshql did not create), the SDL and mesh.yaml written beside it by the test.

/** The first line of a `music` domain's SDL. */
export const MUSIC_DOMAIN = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"]) @domain(name: "music")`;

/** Chinook's Artist table as a product. */
export const ARTIST_PRODUCT = `type Artist @key(fields: "artistId") @product(table: "Artist") {
  artistId: Int! @column(name: "ArtistId")
  name: String @column(name: "Name")
}
`;

/** A development signing secret, and mesh.yaml's `identity:` line using it. */
export const DEV_SECRET = "a-development-secret-of-at-least-32-characters";
export const DEV_IDENTITY = `identity: { issuer: meshql, audience: meshql, hs256Secret: ${DEV_SECRET} }`;

/** A new temporary folder with `music.sqlite` in it. */
export function chinookFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `meshql-${prefix}-`));
  copyFileSync(join(chinookDatasets(), "Chinook_Sqlite.sqlite"), join(dir, "music.sqlite"));
  return dir;
}

/**
 * A folder as chinookFolder makes it, with one domain, `music`, declared by `products` (after
 * MUSIC_DOMAIN) in music.graphql and served at `port`, and its platform store: the mesh.yaml path.
 */
export function musicMesh(prefix: string, products: string, { port, platform }: { port: number; platform: string }): string {
  const dir = chinookFolder(prefix);
  writeFileSync(join(dir, "music.graphql"), `${MUSIC_DOMAIN}\n${products}`);
  writeFileSync(
    join(dir, "mesh.yaml"),
    `${DEV_IDENTITY}
domains:
  music: { schema: music.graphql, store: "sqlite:music.sqlite", port: ${port} }
platform: { store: "${platform}" }
`,
  );
  return join(dir, "mesh.yaml");
}
