import { Kind, parse } from "graphql";
import type { TakenNames } from "./draftDomain.js";
import { enumTypeNames, productTypeNames, rootFieldsOf } from "./reservedNames.js";
import { directiveOf, stringArg } from "./sdlDirectives.js";

/**
 * The names a domain's SDL takes in a supergraph: its types, the types meshql generates for its
 * products and enums, and its products' root fields. Read with graphql's parser alone, so any
 * domain's file can be read, whatever features it uses; a file that does not parse takes nothing.
 */
export function namesOfSdl(sdl: string): TakenNames & { types: string[]; rootFields: string[] } {
  const types: string[] = [];
  const rootFields: string[] = [];
  let document;
  try {
    document = parse(sdl, { noLocation: true });
  } catch {
    return { types, rootFields };
  }
  for (const def of document.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION) types.push(...enumTypeNames(def.name.value));
    else if (def.kind === Kind.OBJECT_TYPE_DEFINITION) {
      const product = directiveOf(def, "product");
      if (!product) {
        types.push(def.name.value);
        continue;
      }
      types.push(...productTypeNames(def.name.value));
      rootFields.push(...rootFieldsOf(def.name.value, stringArg(product, "plural")));
    } else if ("name" in def && def.name) types.push(def.name.value);
  }
  return { types, rootFields };
}
