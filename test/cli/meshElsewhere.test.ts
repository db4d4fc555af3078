import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signToken } from "../../src/identity/signToken.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import { ARTIST_PRODUCT, musicMesh } from "../support/chinookFolder.js";
import { expectRefusal, meshql } from "../support/meshqlCli.js";
import { postGraphQL } from "../support/processes.js";

// A mesh kept in a folder of its own, far from this repository, with no identities file: every
// path in its mesh.yaml is read from that folder, and development identities are optional.

const meshElsewhere = () => musicMesh("elsewhere", ARTIST_PRODUCT, { port: 4001, platform: "sqlite:state/platform.sqlite" });

describe("a mesh outside the repository, without an identities file", () => {
  const file = meshElsewhere();

  it("refuses a token in one line, saying the identities file is missing", async () => {
    expectRefusal(await meshql("token", "admin", "--mesh", file), /no identities to sign tokens for: .*identities\.yaml is missing or empty/);
  });

  it("refuses to explain as an identity it does not know, in one line", async () => {
    expectRefusal(await meshql("explain", "--mesh", file, "--as", "admin", "{ artists { name } }"), /no identity admin in .*identities\.yaml/);
  });

  describe("meshql start", () => {
    let output = "";
    let stop: () => void;
    let gateway: string;

    beforeAll(async () => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "start", "--mesh", file, "--port", "0"], {
        env: { ...process.env, LOG_LEVEL: "silent" },
      });
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      stop = () => child.kill("SIGTERM");
      for (let waited = 0; !/^gateway +(http:\S+)$/m.test(output); waited += 100) {
        if (child.exitCode !== null || waited > 60_000) throw new Error(`meshql start did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      gateway = /^gateway +(http:\S+)$/m.exec(output)![1];
    }, 90_000);
    afterAll(() => stop?.());

    it("serves the domain from the mesh's own folder and lists no identities", async () => {
      expect(output).not.toContain("identities");
      const config = loadMeshConfig(file);
      const token = await signToken(config.identity, "someone", { groups: [], purposes: [], attributes: {} });
      const { body } = await postGraphQL(gateway, "{ artists(limit: 2) { artistId name } }", { authorization: `Bearer ${token}` });
      expect(body).toEqual({ data: { artists: [{ artistId: 1, name: "AC/DC" }, { artistId: 2, name: "Accept" }] } });
    });
  });
});
