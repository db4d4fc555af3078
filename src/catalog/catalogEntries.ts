import { isProduct } from "../metadata/model.js";
import type { Subgraph } from "../server/Subgraph.js";
import type { CatalogEntry } from "./CatalogEntry.js";

/** Every product the API shows (not `@inaccessible`) of every subgraph, in mesh order, read from the resolved product model. */
export function catalogEntries(subgraphs: Subgraph[]): CatalogEntry[] {
  return subgraphs.flatMap((subgraph) =>
    [...subgraph.domain.types.values()].filter(isProduct).filter((p) => !p.inaccessible).map((product) => ({ address: `${product.domain}.${product.name}`, product, subgraph })),
  );
}
