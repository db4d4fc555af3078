import { demoExplainer } from "../explain/demoExplainer.js";
import { openMesh } from "../server/openMesh.js";
import { CliError } from "./CliError.js";

/** `meshql explain --as <identity> [--purpose P] '<query>'`: each domain's governed SQL and policies. */
export async function explain(meshFile: string, as: string | undefined, purpose: string | undefined, query: string | undefined): Promise<void> {
  if (!as || !query) throw new CliError("usage: meshql explain --as <identity> [--purpose P] '<query>'");
  const mesh = await openMesh(meshFile);
  try {
    const { statements, errors } = await demoExplainer(mesh)(as, purpose, query).catch((error) => {
      throw new CliError(error.message);
    });
    for (const s of statements) {
      console.log(`-- ${s.domain}: policies ${s.policies.length ? s.policies.join(", ") : "(none)"}`);
      console.log(`${s.sql}\n-- bindings: ${JSON.stringify(s.bindings)}\n`);
    }
    for (const e of errors) console.log(`-- refused or failed: ${e.message} (${String(e.extensions?.code ?? "")})`);
  } finally {
    await mesh.close();
  }
}
