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

/** The Federation directives generated types use, imported into the author's `@link` if missing. */
const GENERATED_DIRECTIVES = ["@tag", "@shareable"];

const isFederationLink = (d: DirectiveNode) =>
  d.name.value === "link" && d.arguments?.some((a) => a.name.value === "url" && a.value.kind === "StringValue" && a.value.value.startsWith("https://specs.apollo.dev/federation/"));

function withImports(link: DirectiveNode, names: string[]): DirectiveNode {
  const imports = link.arguments?.find((a) => a.name.value === "import");
  const have = imports?.value.kind === "ListValue" ? imports.value.values.flatMap((v) => (v.kind === "StringValue" ? [v.value] : [])) : [];
  const missing = names.filter((n) => !have.includes(n));
  if (!missing.length) return link;
  const values = [...(imports?.value.kind === "ListValue" ? imports.value.values : []), ...missing.map((value) => ({ kind: "StringValue" as const, value }))];
  const list = { name: { kind: "Name" as const, value: "import" }, kind: "Argument" as const, value: { kind: "ListValue" as const, values } };
  return { ...link, arguments: [...(link.arguments ?? []).filter((a) => a.name.value !== "import"), list] } as DirectiveNode;
}

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
  // A Federation 2 subgraph imports what meshql generates; a Federation 1 one shares value types anyway.
  const federation2 = domain.document.definitions.some((d) => (d.kind === "SchemaExtension" || d.kind === "SchemaDefinition") && (d.directives ?? []).some(isFederationLink));
  const authored = visit(domain.document, {
    Directive: (node) => (isMeshqlDirective(node) ? null : isFederationLink(node) ? withImports(node, GENERATED_DIRECTIVES) : undefined),
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
        // The aggregate sibling is tagged, moves and requires as the relation does; a hidden relation has none.
        const tags = (fieldNode.directives ?? []).filter((d) => ["tag", "override", "requires"].includes(d.name.value));
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
    ...products.map((p) => productTypes(p, { shareable: federation2 })),
    `type Query {\n${products.flatMap(productRootFields).map((l) => `  ${l}`).join("\n")}\n}\n`,
  ].join("\n");
  return `${print(authored)}\n\n${generated}`;
}
