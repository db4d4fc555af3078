import { Kind, parse, type OperationDefinitionNode } from "graphql";
import { MetadataError } from "./MetadataError.js";
import type { ColumnField, Field, Product, SourceLoc } from "./model.js";

// Keys that select into an object field (`sku variation { id }`, `study { caseNumber }`): each
// nested field is a column the relation (or reference) joins on, so the key is still a set of
// the product's own columns — those holding the joined values — and a representation is matched
// in the same one statement as by any key.

/** One selection of a `@key(fields:)`: a field, or an object field with the fields nested under it. */
export interface KeyPart {
  name: string;
  nested?: string[];
}

/** An object key read with its type, resolved once the domain's relations are (resolveObjectKeys). */
export interface PendingObjectKey {
  product: Product;
  text: string;
  parts: KeyPart[];
  resolvable: boolean;
  loc: SourceLoc;
}

/** The selections of a `@key(fields:)` text, one level of nesting at most. */
export function keyParts(text: string, typeName: string, loc: SourceLoc): KeyPart[] {
  const fail = (reason: string): never => {
    throw new MetadataError(`type ${typeName} @key(fields: "${text}"): ${reason}`, loc);
  };
  let operation: OperationDefinitionNode | undefined;
  try {
    operation = parse(`{${text}}`, { noLocation: true }).definitions[0] as OperationDefinitionNode;
  } catch {
    fail("is not a selection of fields");
  }
  return operation!.selectionSet.selections.map((selection) => {
    if (selection.kind !== Kind.FIELD || selection.alias || selection.arguments?.length || selection.directives?.length) {
      return fail("takes fields alone, without aliases, arguments, directives or fragments");
    }
    if (!selection.selectionSet) return { name: selection.name.value };
    const nested = selection.selectionSet.selections.map((inner) =>
      inner.kind === Kind.FIELD && !inner.selectionSet && !inner.alias && !inner.arguments?.length && !inner.directives?.length
        ? inner.name.value
        : fail(`${selection.name.value} { … } takes scalar fields of the object, one level deep`),
    );
    return { name: selection.name.value, nested };
  });
}

/** Adds each object key to its product's keys, as the columns holding its values and the paths a representation gives them at. */
export function resolveObjectKeys(pending: PendingObjectKey[]): void {
  for (const { product, text, parts, resolvable, loc } of pending) {
    const fail = (reason: string): never => {
      throw new MetadataError(`type ${product.name} @key(fields: "${text}"): ${reason}`, loc);
    };
    const fields: ColumnField[] = [];
    const paths: string[][] = [];
    for (const part of parts) {
      const field = product.fields.get(part.name);
      if (!part.nested) {
        if (field?.kind !== "column" || field.list || field.type === "JSON") fail(`${part.name} must be a single scalar field of ${product.name}`);
        fields.push(field as ColumnField);
        paths.push([part.name]);
        continue;
      }
      for (const inner of part.nested) {
        fields.push(joinedColumn(field, part.name, inner, fail));
        paths.push([part.name, inner]);
      }
    }
    product.keys.push({ fields, paths, resolvable });
  }
}

/**
 * The column of the product holding `outer { inner }`: the source column an object relation
 * pairs with the target's `inner` column, or the reference's column for that key field.
 */
function joinedColumn(field: Field | undefined, outer: string, inner: string, fail: (reason: string) => never): ColumnField {
  if (field?.kind === "relation" && !field.list && !field.join.through) {
    const target = field.targetProduct.fields.get(inner);
    const at = target?.kind === "column" ? field.join.targetColumns.indexOf(target.column) : -1;
    if (target?.kind !== "column" || at < 0) fail(`${outer} joins ${field.targetProduct.name} on ${field.join.targetColumns.join(", ")}: ${inner} is not one of the fields holding them`);
    return { ...(target as ColumnField), name: `${outer}.${inner}`, column: field.join.sourceColumns[at], tags: [], inaccessible: false };
  }
  if (field?.kind === "reference") {
    const at = field.targetProduct.keyFields.findIndex((k) => k.name === inner);
    if (at < 0) fail(`${inner} is not a key field of ${field.targetProduct.name}, which ${outer} refers to by its key`);
    return { ...field.targetProduct.keyFields[at], name: `${outer}.${inner}`, column: field.columns[at], tags: [], inaccessible: false };
  }
  return fail(`${outer} { … } needs ${outer} to be an object relation or a reference of the type`);
}
