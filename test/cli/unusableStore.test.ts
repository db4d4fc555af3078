import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { ARTIST_PRODUCT, DEV_IDENTITY, MUSIC_DOMAIN, chinookFolder } from "../support/chinookFolder.js";
import { expectRefusal, meshqlWith } from "../support/meshqlCli.js";

// A domain whose store cannot be used: the command says which store and why, in one line, at the
// default log level, with nothing from the database driver on the console.

const MISSING = [
  ["PostgreSQL", "postgres://postgres@127.0.0.1:5432/meshql_no_such_database", /the music store at postgres:\/\/postgres@127\.0\.0\.1:5432\/meshql_no_such_database cannot be used: database "meshql_no_such_database" does not exist/],
  ["MariaDB", "mysql://root@127.0.0.1:3306/meshql_no_such_database", /the music store at mysql:\/\/root@127\.0\.0\.1:3306\/meshql_no_such_database cannot be used: Unknown database 'meshql_no_such_database'/],
  ["SQLite", "sqlite:music.sqlite/inside-a-file.sqlite", /the music store at sqlite:\S*music\.sqlite\/inside-a-file\.sqlite cannot be used: EEXIST: file already exists/],
] as const;

describe("a store that cannot be used", () => {
  for (const [store, url, reason] of MISSING) {
    it(`is refused in one line by meshql explain and meshql serve: ${store}`, async () => {
      const dir = chinookFolder("unusable");
      writeFileSync(join(dir, "music.graphql"), `${MUSIC_DOMAIN}\n${ARTIST_PRODUCT}`);
      writeFileSync(join(dir, "mesh.yaml"), `${DEV_IDENTITY}\ndomains:\n  music: { schema: music.graphql, store: "${url}", port: 0 }\n`);
      const mesh = join(dir, "mesh.yaml");
      const info = { LOG_LEVEL: "info" };
      expectRefusal(await meshqlWith(info, "explain", "--mesh", mesh, "--as", "admin", "{ artists { name } }"), reason);
      expectRefusal(await meshqlWith(info, "serve", "music", "--mesh", mesh, "--port", "0"), reason);
    });
  }

  it("is refused in one line when it is the platform store", async () => {
    const dir = chinookFolder("unusable-platform");
    writeFileSync(join(dir, "music.graphql"), `${MUSIC_DOMAIN}\n${ARTIST_PRODUCT}`);
    writeFileSync(
      join(dir, "mesh.yaml"),
      `${DEV_IDENTITY}\ndomains:\n  music: { schema: music.graphql, store: "sqlite:music.sqlite", port: 0 }\nplatform: { store: "postgres://postgres@127.0.0.1:5432/meshql_no_such_database" }\n`,
    );
    expectRefusal(
      await meshqlWith({ LOG_LEVEL: "info" }, "serve", "music", "--mesh", join(dir, "mesh.yaml"), "--port", "0"),
      /the platform store at postgres:\/\/postgres@127\.0\.0\.1:5432\/meshql_no_such_database cannot be used: database "meshql_no_such_database" does not exist/,
    );
  });
});
