import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTIST_PRODUCT, chinookFolder, DEV_IDENTITY, MUSIC_DOMAIN } from "../support/chinookFolder.js";
import { expectRefusal, meshql } from "../support/meshqlCli.js";

// `meshql snapshot <domain>` as cron runs it, on a Chinook file the mesh did not create, with the
// snapshot interval and the history file named in mesh.yaml rather than in the SDL.

describe("meshql snapshot", () => {
  let dir: string;
  let mesh: string;

  beforeAll(() => {
    dir = chinookFolder("snapshot");
    writeFileSync(
      join(dir, "music.graphql"),
      `${MUSIC_DOMAIN}
${ARTIST_PRODUCT}type Genre @key(fields: "genreId") @product(table: "Genre") {
  genreId: Int! @column(name: "GenreId")
  name: String @column(name: "Name")
}
`,
    );
    writeFileSync(join(dir, "other.graphql"), `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"]) @domain(name: "other")
type MediaType @key(fields: "mediaTypeId") @product(table: "MediaType") {
  mediaTypeId: Int! @column(name: "MediaTypeId")
}
`);
    writeFileSync(
      join(dir, "mesh.yaml"),
      `${DEV_IDENTITY}
domains:
  music: { schema: music.graphql, store: "sqlite:music.sqlite", history: history/music.sqlite, snapshots: { Artist: 1d } }
  other: { schema: other.graphql, store: "sqlite:music.sqlite" }
platform: { store: "sqlite:state/platform.sqlite" }
`,
    );
    mesh = join(dir, "mesh.yaml");
  });

  it("records every row the first time, then only what changed, in the history file mesh.yaml names", async () => {
    const first = await meshql("snapshot", "music", "--mesh", mesh);
    expect(first).toMatchObject({ code: 0, stdout: "music.Artist: 275 versions written, 0 closed\n" });
    expect(existsSync(join(dir, "history", "music.sqlite"))).toBe(true);

    const store = new Database(join(dir, "music.sqlite"));
    store.prepare("UPDATE Artist SET Name = 'AC-DC' WHERE ArtistId = 1").run();
    store.prepare("INSERT INTO Artist (ArtistId, Name) VALUES (1000, 'New Band')").run();
    store.close();
    const second = await meshql("snapshot", "music", "--mesh", mesh);
    expect(second).toMatchObject({ code: 0, stdout: "music.Artist: 2 versions written, 1 closed\n" });
    const history = new Database(join(dir, "history", "music.sqlite"), { readonly: true });
    expect(history.prepare("SELECT count(*) AS n FROM music__Artist").get()).toEqual({ n: 276 + 1 });
    expect(history.prepare("SELECT count(*) AS n FROM meshql_snapshots").get()).toEqual({ n: 2 });
    history.close();
  });

  it("refuses in one line a missing domain, an unknown one, and one that keeps no history", async () => {
    expectRefusal(await meshql("snapshot", "--mesh", mesh), /needs a domain name/);
    expectRefusal(await meshql("snapshot", "nowhere", "--mesh", mesh), /nowhere/);
    expectRefusal(await meshql("snapshot", "other", "--mesh", mesh), /domain other has no product with @product\(snapshots:\)/);
  });
});
