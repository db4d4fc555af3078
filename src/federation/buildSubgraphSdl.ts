import {
  parse,
  print,
  visit,
  type DirectiveNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from "graphql";
import { MESHQL_DIRECTIVES } from "../metadata/directives.js";
import { isProduct, type Domain } from "../metadata/model.js";
import { enumTypes, listArgs, productRootFields, productTypes, sharedTypes } from "./generatedTypes.js";

const isMeshqlDirective = (d: DirectiveNode) => (MESHQL_DIRECTIVES as readonly string[]).includes(d.name.value);

function parseFields(text: string): readonly FieldDefinitionNode[] {
  const type = parse(`type T {\n${text}\n}`, { noLocation: true }).definitions[0] as ObjectTypeDefinitionNode;
  return type.fields ?? [];
}

/**
 * The domain's subgraph SDL: the author's types with meshql's own directives removed, list
 * relations given their arguments and an `…Aggregate` sibling, then the generated inputs,
 * aggregate types and root fields. Federation directives pass through untouched. It depends on
 * the declarations alone, never on policies: a policy that could not keep to the declared
 * nullability is refused at start-up instead (see loadPolicies).
 */
export function buildSubgraphSdl(domain: Domain): string {
  const authored = visit(domain.document, {
    Directive: (node) => (isMeshqlDirective(node) ? null : undefined),
    ObjectTypeDefinition(node) {
      const type = domain.types.get(node.name.value)!;
      const fields = (node.fields ?? []).flatMap((fieldNode) => {
        const field = type.fields.get(fieldNode.name.value);
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
    ...products.map(productTypes),
    `type Query {\n${products.flatMap(productRootFields).map((l) => `  ${l}`).join("\n")}\n}\n`,
  ].join("\n");
  return `${print(authored)}\n\n${generated}`;
}
