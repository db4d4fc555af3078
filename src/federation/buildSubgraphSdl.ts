import {
  Kind,
  parse,
  print,
  visit,
  type DirectiveNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from "graphql";
import { MESHQL_DIRECTIVES } from "../metadata/directives.js";
import { columnFields, isProduct, type Domain, type Product } from "../metadata/model.js";
import { tagCovers } from "../policy/tagCovers.js";
import type { Policy } from "../policy/model.js";
import { enumTypes, listArgs, productRootFields, productTypes, sharedTypes } from "./generatedTypes.js";

const isMeshqlDirective = (d: DirectiveNode) => (MESHQL_DIRECTIVES as readonly string[]).includes(d.name.value);

function parseFields(text: string): readonly FieldDefinitionNode[] {
  const type = parse(`type T {\n${text}\n}`, { noLocation: true }).definitions[0] as ObjectTypeDefinitionNode;
  return type.fields ?? [];
}

/**
 * The domain's subgraph SDL: the author's types with meshql's own directives removed, list
 * relations given their arguments and an `…Aggregate` sibling, then the generated inputs,
 * aggregate types and root fields. Federation directives pass through untouched.
 */
export function buildSubgraphSdl(domain: Domain, policies: Policy[] = []): string {
  const nullable = maskableToNull(domain, policies);
  const authored = visit(domain.document, {
    Directive: (node) => (isMeshqlDirective(node) ? null : undefined),
    ObjectTypeDefinition(node) {
      const type = domain.types.get(node.name.value)!;
      const fields = (node.fields ?? []).flatMap((fieldNode) => {
        const field = type.fields.get(fieldNode.name.value);
        // A policy may mask this field to null, or hide the row it points to: say so in the contract.
        const hidden = field?.kind === "relation" && !field.list && mayHideRows(field.targetProduct, policies);
        if ((hidden || nullable.has(`${type.name}.${fieldNode.name.value}`)) && fieldNode.type.kind === Kind.NON_NULL_TYPE) {
          return [{ ...fieldNode, type: fieldNode.type.type }];
        }
        // A list relation to a hidden product has no generated arguments or aggregate to point at.
        if (field?.kind !== "relation" || !field.list || field.targetProduct.inaccessible) return [fieldNode];
        const target = field.targetProduct;
        const [withArgs, aggregate] = parseFields(
          `${field.name}${listArgs(target)}: [${target.name}!]!\n` +
            `${field.name}Aggregate(where: ${target.name}Where): ${target.name}Aggregate!`,
        );
        // The aggregate sibling is tagged as the relation is; a hidden relation has none.
        const tags = (fieldNode.directives ?? []).filter((d) => d.name.value === "tag");
        return [{ ...fieldNode, arguments: withArgs.arguments }, ...(field.inaccessible ? [] : [{ ...aggregate, directives: tags }])];
      });
      return { ...node, fields };
    },
  });
  // A hidden product keeps its type (other subgraphs may still resolve it) and gets nothing else.
  const products = [...domain.types.values()].filter(isProduct).filter((p) => !p.inaccessible);
  const generated = [
    sharedTypes(),
    ...[...domain.enums.values()].map(enumTypes),
    ...products.map((p) => productTypes(p, { nullableCount: policies.some((x) => x.kind === "aggregate" && x.product.domain === p.domain && x.product.name === p.name) })),
    `type Query {\n${products.flatMap(productRootFields).map((l) => `  ${l}`).join("\n")}\n}\n`,
  ].join("\n");
  return `${print(authored)}\n\n${generated}`;
}

/** `Type.field` of every field some policy may mask to null, whoever asks. */
function maskableToNull(domain: Domain, policies: Policy[]): Set<string> {
  const fields = new Set<string>();
  for (const policy of policies) {
    if (policy.kind !== "mask" || policy.mask.as !== "null") continue;
    const { target } = policy;
    if (!("tag" in target)) {
      if (target.product.domain === domain.info.name) fields.add(`${target.product.name}.${target.field.name}`);
      continue;
    }
    if (policy.scope !== "global" && policy.scope !== domain.info.name) continue;
    for (const product of domain.types.values()) {
      if (!isProduct(product)) continue;
      for (const field of columnFields(product)) if (field.tags.some((t) => tagCovers(target.tag, t))) fields.add(`${product.name}.${field.name}`);
    }
  }
  return fields;
}

/** Whether a row filter or a denial may leave a product's row out for some caller. */
function mayHideRows(product: Product, policies: Policy[]): boolean {
  return policies.some(
    (p) =>
      (p.kind === "rowFilter" && p.product.domain === product.domain && p.product.name === product.name) ||
      (p.kind === "deny" && ("domain" in p.target ? p.target.domain === product.domain : p.target.product.domain === product.domain && p.target.product.name === product.name && !("fieldName" in p.target))),
  );
}
