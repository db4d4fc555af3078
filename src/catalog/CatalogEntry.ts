import type { Product } from "../metadata/model.js";
import type { Subgraph } from "../server/Subgraph.js";

/** One data product as the catalog lists it: the product and the subgraph that serves it. */
export interface CatalogEntry {
  /** domain.Type, e.g. sales.Invoice */
  address: string;
  product: Product & { table: string };
  subgraph: Subgraph;
}
