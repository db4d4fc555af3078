import type { Knex } from "knex";
import type { Domain, Product } from "../metadata/model.js";
import { isoDateTime } from "../execute/shapeResult.js";
import { userError } from "../selection/userError.js";
import { snapshotted } from "./historyColumns.js";
import { snapshotLogTable } from "./historyLocation.js";

/** What a product's history covers: its first and last snapshot and how many there are. */
export interface Coverage {
  first: string | null;
  last: string | null;
  snapshots: number;
}

/** A domain's snapshot log (in its history schema), read for `asOf` checks and the catalog. */
export class SnapshotLog {
  // A product's first snapshot never moves once taken: read once.
  private readonly firsts = new Map<string, string>();

  constructor(
    private readonly knex: Knex,
    private readonly domain: Domain,
  ) {}

  /** The log table, in the schema of the domain's history tables. */
  private table(): string | undefined {
    const [product] = snapshotted(this.domain);
    return product && snapshotLogTable(product.snapshots.table.slice(0, product.snapshots.table.indexOf(".")));
  }

  async coverage(product: Product): Promise<Coverage> {
    const table = this.table();
    if (!table || !product.snapshots) return { first: null, last: null, snapshots: 0 };
    const [row] = await this.knex(table)
      .where({ domain: this.domain.info.name, product: product.name })
      .min({ first: "taken_at" })
      .max({ last: "taken_at" })
      .count({ snapshots: "*" });
    const at = (v: unknown) => (v == null ? null : isoDateTime(String(v)));
    return { first: at(row.first), last: at(row.last), snapshots: Number(row.snapshots) };
  }

  /** Refuses a past instant the product's history does not reach: before its first snapshot. */
  async assertCovers(product: Product, instant: string, argument = "asOf"): Promise<void> {
    let first = this.firsts.get(product.name);
    if (first === undefined) {
      first = (await this.coverage(product)).first ?? undefined;
      if (first) this.firsts.set(product.name, first);
    }
    const address = `${this.domain.info.name}.${product.name}`;
    if (!first) throw userError(`${address} has no snapshot yet: its history starts with its first (meshql snapshot ${this.domain.info.name})`);
    if (Date.parse(instant) < Date.parse(first)) throw userError(`${argument} ${instant} is before the first snapshot of ${address}, taken ${first}`);
  }
}
