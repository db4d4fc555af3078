import { composeSchemaContract } from "@theguild/federation-composition";
import { Kind, parse, print, visit, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from "graphql";
import { SHARED_TYPES } from "../metadata/checkNames.js";
import { CompositionError, type SubgraphSource } from "./composeSupergraph.js";

/** Which tags a contract keeps: with `include`, only what carries one of them; never what carries one of `exclude`. */
export interface ContractTags {
  include: string[];
  exclude: string[];
}

/** A contract's supergraph (excluded elements `@inaccessible`, unreachable types too) and the API schema it serves. */
export interface Contract {
  supergraphSdl: string;
  apiSchemaSdl: string;
}

/**
 * `include=public,partner,exclude=pii`: each `include=` or `exclude=` starts its list, bare items
 * continue the current one.
 */
export function parseContractTags(text: string): ContractTags {
  const tags: ContractTags = { include: [], exclude: [] };
  let list: string[] | undefined;
  for (const item of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [head, value] = item.includes("=") ? item.split(/=(.*)/s) : [undefined, item];
    if (head !== undefined) {
      if (head !== "include" && head !== "exclude") throw new CompositionError([`--contract-tags: '${head}=' is neither include= nor exclude=`]);
      list = tags[head];
    }
    if (!list) throw new CompositionError([`--contract-tags: '${item}' comes before include= or exclude=`]);
    if (value) list.push(value);
  }
  if (!tags.include.length && !tags.exclude.length) throw new CompositionError(["--contract-tags names no tag"]);
  return tags;
}

/**
 * The contract of the given subgraphs, composed by the composition library's tag filter: every
 * element tagged with an excluded tag (or, with `include`, tagged with no included one) becomes
 * `@inaccessible`, then every type no longer reachable. meshql tags each entry it generates from
 * a field (Where, OrderBy, Field, GroupKey, aggregates, Buckets…) as the field is, so leaving a
 * tag out leaves out every way of reaching what it tags.
 */
export function composeContract(subgraphs: SubgraphSource[], tags: ContractTags): Contract {
  const services = subgraphs.map((s) => {
    const typeDefs = parse(s.sdl);
    return { name: s.name, url: s.url, typeDefs: tags.include.length ? includable(typeDefs, tags.include) : typeDefs };
  });
  const result = composeSchemaContract(services, { include: new Set(tags.include), exclude: new Set(tags.exclude) }, true);
  if (result.errors?.length) throw new CompositionError(result.errors.map((e) => e.message));
  if (!("supergraphSdl" in result) || !result.supergraphSdl) throw new CompositionError(["no contract supergraph was produced"]);
  return { supergraphSdl: result.supergraphSdl, apiSchemaSdl: result.publicSdl };
}

const tagNode = (name: string): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: "tag" },
  arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "name" }, value: { kind: Kind.STRING, value: name } }],
});

const tagsOn = (node: { directives?: readonly ConstDirectiveNode[] }): string[] =>
  (node.directives ?? []).flatMap((d) => (d.name.value === "tag" && d.arguments?.[0]?.value.kind === Kind.STRING ? [d.arguments[0].value.value] : []));

const isShared = (name: string) => SHARED_TYPES.includes(name) || name.endsWith("Comparison");

/**
 * An include filter keeps only what is tagged, arguments and input types too. What carries no data
 * of its own follows what uses it: an untagged argument is tagged as its field (and the field's
 * type) is, and meshql's shared scalars, comparisons and enums of order and buckets are tagged
 * with every included tag (unreachable ones are dropped after composition).
 */
function includable(document: DocumentNode, include: string[]): DocumentNode {
  const withTags = <T extends { directives?: readonly ConstDirectiveNode[] }>(node: T, tags: string[]): T =>
    tags.length && !tagsOn(node).length ? { ...node, directives: [...(node.directives ?? []), ...tags.map(tagNode)] } : node;
  const object = (node: ObjectTypeDefinitionNode) => {
    const typeTags = tagsOn(node);
    const fields = node.fields?.map((field: FieldDefinitionNode) => {
      const tags = [...new Set([...typeTags, ...tagsOn(field)])];
      return field.arguments?.length ? { ...field, arguments: field.arguments.map((a) => withTags(a, tags)) } : field;
    });
    return { ...node, fields };
  };
  const shared = <T extends { name: { value: string }; directives?: readonly ConstDirectiveNode[] }>(node: T) =>
    isShared(node.name.value) ? withTags(node, include) : undefined;
  return parse(
    print(
      visit(document, {
        ObjectTypeDefinition: object,
        ObjectTypeExtension: (node) => object(node as unknown as ObjectTypeDefinitionNode),
        ScalarTypeDefinition: shared,
        InputObjectTypeDefinition: shared,
        EnumTypeDefinition: (node) => (node.name.value === "OrderDirection" || node.name.value === "TimeBucket" ? withTags(node, include) : undefined),
      }),
    ),
  );
}
