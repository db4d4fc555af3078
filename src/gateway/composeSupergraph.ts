import { composeServices } from "@theguild/federation-composition";
import { parse } from "graphql";

export interface SubgraphSource {
  name: string;
  sdl: string;
  url: string;
}

/** Composition failed: each message names the subgraph, type and field at fault. */
export class CompositionError extends Error {
  constructor(readonly messages: string[]) {
    super(`composition failed:\n${messages.map((m) => `  - ${m}`).join("\n")}`);
    this.name = "CompositionError";
  }
}

/** The supergraph SDL of the given subgraphs, with their URLs as routing targets. */
export function composeSupergraph(subgraphs: SubgraphSource[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: s.url })));
  if (result.errors?.length) throw new CompositionError(result.errors.map((e) => e.message));
  if (!("supergraphSdl" in result) || !result.supergraphSdl) throw new CompositionError(["no supergraph was produced"]);
  return result.supergraphSdl;
}
