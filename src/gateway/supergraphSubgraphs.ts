import { Kind, parse, valueFromASTUntyped, type EnumTypeDefinitionNode } from "graphql";

export interface SupergraphSubgraph {
  /** The join__Graph enum value the gateway libraries use, e.g. CRM. */
  graph: string;
  /** The subgraph's own name, e.g. crm. */
  name: string;
  url: string;
}

/** The subgraphs a supergraph routes to, from its `join__Graph` enum. */
export function supergraphSubgraphs(supergraphSdl: string): SupergraphSubgraph[] {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphs = document.definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === "join__Graph",
  );
  return (graphs?.values ?? []).map((value) => {
    const directive = value.directives?.find((d) => d.name.value === "join__graph");
    const args = Object.fromEntries((directive?.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
    return { graph: value.name.value, name: String(args.name ?? value.name.value.toLowerCase()), url: String(args.url ?? "") };
  });
}
