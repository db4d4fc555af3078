import type { GraphQLSchema } from "graphql";
import type { Domain } from "../metadata/model.js";
import type { RootField } from "../selection/buildRoot.js";
import type { SelectionLimits } from "../selection/assertLimits.js";
import type { Store } from "../execute/Store.js";
import type { Policy } from "../policy/model.js";
import type { PlanCache } from "../plan/PlanCache.js";
import type { TableSource } from "../sql/CompileContext.js";
import type { SnapshotLog } from "../history/SnapshotLog.js";
import type { EntitySelection, RequestContext } from "../pipeline.js";

/** One domain served as a Federation v2 subgraph. */
export interface Subgraph {
  domain: Domain;
  store: Store;
  limits: SelectionLimits;
  /** What `_service { sdl }` answers and what composition reads. */
  sdl: string;
  schema: GraphQLSchema;
  rootFields: Map<string, RootField>;
  /** Every policy of the mesh; the policy stage picks those of this domain's products. */
  policies: Policy[];
  /** Compiled root-field plans of this subgraph. */
  plans: PlanCache;
  /** `Type.field` names access rules guard (graphql-shield runs on those, so graphql-js answers them). */
  guarded: ReadonlySet<string>;
  /** The domain's tables, and the history tables of its snapshotted products, for reading the past. */
  sources: ReadonlyMap<string, TableSource>;
  /** The snapshots taken, for refusing an instant before the first. */
  snapshots: SnapshotLog;
  /** `_entities`' values, one per representation (see loadEntities); absent when the domain has no entity. */
  entities?: (representations: unknown, selection: EntitySelection, context: RequestContext, responseKey: string) => Promise<Record<string, unknown> | null>[];
}
