import { Gauge } from "prom-client";
import { registry } from "../audit/auditMetrics.js";
import { scalarValue } from "../execute/shapeResult.js";
import { isProduct, type Product } from "../metadata/model.js";
import type { Subgraph } from "../server/Subgraph.js";

interface Watched {
  address: string;
  product: Product & { table: string; freshness: NonNullable<Product["freshness"]>; expectEvery: number };
  subgraph: Subgraph;
}

const watched = new Set<Watched>();

/** The newest freshness value of every product with a promise, read at scrape time from its store. */
async function newest(): Promise<{ w: Watched; seconds: number | null }[]> {
  return Promise.all(
    [...watched].map(async (w) => {
      const [row] = await w.subgraph.store.knex(w.product.table).max({ newest: w.product.freshness.column });
      const value = scalarValue(row?.newest ?? null, "DateTime") as string | null;
      return { w, seconds: value === null ? null : Date.parse(value) / 1000 };
    }),
  );
}

// The store's own newest value, not a caller's: a row filter must not make a product look stale.
new Gauge({
  name: "meshql_product_stale",
  help: "1 when a product's newest value is older than its @product(expectEvery:) promise, else 0",
  labelNames: ["product"],
  registers: [registry],
  async collect() {
    this.reset();
    for (const { w, seconds } of await newest()) {
      this.set({ product: w.address }, seconds === null || Date.now() - seconds * 1000 > w.product.expectEvery ? 1 : 0);
    }
  },
});

/**
 * Watches the freshness promises of a mesh's products for /metrics (`meshql_product_stale`);
 * returns the function that stops watching them.
 */
export function watchFreshness(subgraphs: Subgraph[]): () => void {
  const added: Watched[] = subgraphs.flatMap((subgraph) =>
    [...subgraph.domain.types.values()]
      .filter(isProduct)
      .filter((p): p is Watched["product"] => p.expectEvery !== undefined && p.freshness !== undefined)
      .map((product) => ({ address: `${product.domain}.${product.name}`, product, subgraph })),
  );
  for (const w of added) watched.add(w);
  return () => added.forEach((w) => watched.delete(w));
}
