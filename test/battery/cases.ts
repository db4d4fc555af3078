// The query battery of the acceptance criteria: the same queries on every dialect, each answer
// checked against hand-written SQL over the SQLite Chinook stores (see reference.ts).
import { catalogAggregates } from "./cases/catalogAggregates.js";
import { catalogFilters } from "./cases/catalogFilters.js";
import { catalogOrder } from "./cases/catalogOrder.js";
import { catalogShapes } from "./cases/catalogShapes.js";
import { crmCases } from "./cases/crm.js";
import { entityCases } from "./cases/entities.js";
import { salesCases } from "./cases/sales.js";
import type { BatteryCase } from "./reference.js";

export type { BatteryCase } from "./reference.js";

/** Queries a client may send, to a subgraph or through the gateway. */
export const clientCases: BatteryCase[] = [...catalogFilters, ...catalogOrder, ...catalogAggregates, ...catalogShapes, ...salesCases, ...crmCases];

/** Every case a subgraph answers: the clients' and a router's `_entities` calls. */
export const cases: BatteryCase[] = [...clientCases, ...entityCases];
