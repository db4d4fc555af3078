import { snapshotted } from "../history/historyColumns.js";
import { takeSnapshot } from "../history/takeSnapshot.js";
import { openMesh } from "../server/openMesh.js";
import { CliError } from "./CliError.js";

/** `meshql snapshot <domain>`: the domain's snapshotted products recorded now, in one transaction (for cron). */
export async function snapshot(meshFile: string, domain: string | undefined): Promise<void> {
  if (!domain) throw new CliError("meshql snapshot needs a domain name");
  const mesh = await openMesh(meshFile, process.env, [domain]);
  try {
    const [subgraph] = mesh.subgraphs;
    if (!snapshotted(subgraph.domain).length) throw new CliError(`domain ${domain} has no product with @product(snapshots:)`);
    const { knex, dialect } = subgraph.store;
    const taken = await takeSnapshot(knex, dialect, subgraph.domain, mesh.history.get(domain)!).catch((error: Error) => {
      throw new CliError(`the snapshot of ${domain} failed, and nothing of it was written: ${error.message}`);
    });
    for (const t of taken) console.log(`${domain}.${t.product}: ${t.inserted} versions written, ${t.closed} closed`);
  } finally {
    await mesh.close();
  }
}
