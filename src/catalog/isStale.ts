import type { Product } from "../metadata/model.js";

/**
 * Whether a product broke its freshness promise: its newest value is older than
 * `@product(expectEvery:)` allows. Null when it makes no promise or there is no value to judge.
 */
export function isStale(product: Product, lastUpdated: string | null, now = Date.now()): boolean | null {
  if (product.expectEvery === undefined || lastUpdated === null) return null;
  return now - Date.parse(lastUpdated) > product.expectEvery;
}
