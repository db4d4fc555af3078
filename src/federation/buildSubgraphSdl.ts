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
import { listArgs, productRootFields, productTypes, sharedTypes } from "./generatedTypes.js";

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
export function buildSubgraphSdl(domain: Domain): string {
  const authored = visit(domain.document, {
    Directive: (node) => (isMeshqlDirective(node) ? null : undefined),
    ObjectTypeDefinition(node) {
      const type = domain.types.get(node.name.value)!;
      const fields = (node.fields ?? []).flatMap((fieldNode) => {
        const field = type.fields.get(fieldNode.name.value);
        if (field?.kind !== "relation" || !field.list) return [fieldNode];
        const target = field.targetProduct;
        const [withArgs, aggregate] = parseFields(
          `${field.name}${listArgs(target)}: [${target.name}!]!\n` +
            `${field.name}Aggregate(where: ${target.name}Where): ${target.name}Aggregate!`,
        );
        return [{ ...fieldNode, arguments: withArgs.arguments }, aggregate];
      });
      return { ...node, fields };
    },
  });
  const products = [...domain.types.values()].filter(isProduct);
  const generated = [
    sharedTypes(),
    ...products.map(productTypes),
    `type Query {\n${products.flatMap(productRootFields).map((l) => `  ${l}`).join("\n")}\n}\n`,
  ].join("\n");
  return `${print(authored)}\n\n${generated}`;
}
