// The query battery of the acceptance criteria: the same queries on every dialect, each answer
// checked against hand-written SQL over the SQLite Chinook stores (see reference.ts).
import { catalogAggregates } from "./cases/catalogAggregates.js";
import { catalogFilters } from "./cases/catalogFilters.js";
import { catalogOrder } from "./cases/catalogOrder.js";
import { catalogShapes } from "./cases/catalogShapes.js";
import { crmCases } from "./cases/crm.js";
import { salesCases } from "./cases/sales.js";
import type { BatteryCase } from "./reference.js";

export type { BatteryCase } from "./reference.js";

export const cases: BatteryCase[] = [
  ...catalogFilters,
  ...catalogOrder,
  ...catalogAggregates,
  ...catalogShapes,
  ...salesCases,
  ...crmCases,
];
