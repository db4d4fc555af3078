import { writeFileSync } from "node:fs";
import { printSchema } from "graphql";
import { composeContract, parseContractTags } from "../gateway/composeContract.js";
import { composeSupergraph } from "../gateway/composeSupergraph.js";
import { gatewayApiSchema } from "../gateway/gatewayApiSchema.js";
import { fetchSubgraphSdl, meshSubgraphSources, parseSubgraphArgs } from "../gateway/subgraphSources.js";
import { loadMeshConfig } from "../metadata/loadMeshConfig.js";

/**
 * `meshql compose`: the supergraph of the mesh's domains (their SDL read from schema/, routed
 * to each domain's url), or of running subgraphs given as `--subgraph name=url`. With
 * `apiSchema`, also the schema clients see through the gateway, for code generators: the
 * supergraph without its join__ machinery, printed from the schema the gateway serves, so it is
 * exactly what introspection answers. With `contractTags` (`include=a,b,exclude=c`), the
 * supergraph written is that contract's: what the tags leave out is `@inaccessible` there, and
 * absent from its API schema.
 */
export async function compose(meshFile: string, out: string, subgraphs: string[], apiSchema?: string, contractTags?: string): Promise<void> {
  const sources = subgraphs.length
    ? await Promise.all(parseSubgraphArgs(subgraphs).map((s) => fetchSubgraphSdl(s.name, s.url)))
    : meshSubgraphSources(loadMeshConfig(meshFile));
  const tags = contractTags === undefined ? undefined : parseContractTags(contractTags);
  const supergraph = tags ? composeContract(sources, tags).supergraphSdl : composeSupergraph(sources);
  writeFileSync(out, supergraph);
  const contract = tags ? `, the contract including [${tags.include.join(", ")}] and excluding [${tags.exclude.join(", ")}]` : "";
  console.log(`wrote ${out} (${sources.map((s) => `${s.name} → ${s.url}`).join(", ")}${contract})`);
  if (apiSchema) {
    writeFileSync(apiSchema, printSchema(gatewayApiSchema(supergraph)));
    console.log(`wrote ${apiSchema} (the API schema)`);
  }
}
