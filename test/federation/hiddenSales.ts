import { readFileSync } from "node:fs";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { LIMITS } from "../support/testMesh.js";

// The demo's sales domain with some of its fields hidden by Federation's @inaccessible: a string
// (billingAddress), the only float (total), the only date (invoiceDate), a list relation (lines)
// and an object relation (InvoiceLine.invoice). Every generated type of Invoice and InvoiceLine
// would otherwise name one of them.

export const HIDDEN_SALES_SDL = readFileSync("schema/sales/sales.graphql", "utf8")
  .replace('import: ["@key", "@tag", "@shareable"]', 'import: ["@key", "@tag", "@shareable", "@inaccessible"]')
  .replace(', freshness: "invoice_date", expectEvery: "1d"', "")
  .replace("invoiceDate: DateTime!", "invoiceDate: DateTime! @inaccessible")
  .replace('billingAddress: String @tag(name: "pii")', 'billingAddress: String @tag(name: "pii") @inaccessible')
  .replace('total: Float! @tag(name: "financial")', 'total: Float! @tag(name: "financial") @inaccessible')
  .replace('lines: [InvoiceLine!]! @relation(column: "invoice_id")', 'lines: [InvoiceLine!]! @relation(column: "invoice_id") @inaccessible')
  .replace('invoice: Invoice! @relation(column: "invoice_id")', 'invoice: Invoice! @relation(column: "invoice_id") @inaccessible');

export const hiddenSales = () => parseDomain(HIDDEN_SALES_SDL, "schema/sales/sales.graphql", LIMITS);

/** Each attack names a hidden field through one generated type, as a root field of the sales subgraph. */
export const HIDDEN_FIELD_ATTACKS: Record<string, string> = {
  "Where, a string": `{ invoices(where: {billingAddress: {_like: "%"}}) { id } }`,
  "Where, a float": `{ invoices(where: {total: {_gt: 1}}) { id } }`,
  "Where, a date": `{ invoices(where: {invoiceDate: {_lt: "2010-01-01T00:00:00Z"}}) { id } }`,
  "Where, a list relation": `{ invoices(where: {lines: {quantity: {_gt: 1}}}) { id } }`,
  "Where, an object relation": `{ invoiceLines(where: {invoice: {id: {_eq: 1}}}) { id } }`,
  "OrderBy, a field": `{ invoices(orderBy: [{total: DESC}]) { id } }`,
  "OrderBy, an object relation": `{ invoiceLines(orderBy: [{invoice: {id: ASC}}]) { id } }`,
  "Field enum": `{ invoicesGroupBy(by: [billingAddress]) { count } }`,
  "GroupKey": `{ invoicesGroupBy(by: [billingCity]) { key { billingAddress } } }`,
  "NumericAggregate": `{ invoicesAggregate { sum { total } } }`,
  "NumericAggregate, avg of a group": `{ invoicesGroupBy(by: [billingCity]) { avg { total } } }`,
  "MinMaxAggregate, a string": `{ invoicesAggregate { min { billingAddress } } }`,
  "MinMaxAggregate, a date": `{ invoicesAggregate { max { invoiceDate } } }`,
  "NumericAggregateWhere": `{ invoicesGroupBy(by: [billingCity], having: {sum: {total: {_gt: 1}}}) { count } }`,
  "MinMaxAggregateWhere": `{ invoicesGroupBy(by: [billingCity], having: {max: {invoiceDate: {_gt: "2010-01-01T00:00:00Z"}}}) { count } }`,
  "GroupKeyOrderBy": `{ invoicesGroupBy(by: [billingCity], orderBy: [{key: {billingAddress: ASC}}]) { count } }`,
  "NumericOrderBy": `{ invoicesGroupBy(by: [billingCity], orderBy: [{sum: {total: DESC}}]) { count } }`,
  "MinMaxOrderBy": `{ invoicesGroupBy(by: [billingCity], orderBy: [{max: {invoiceDate: DESC}}]) { count } }`,
  "Buckets": `{ invoicesGroupBy(by: [billingCity], buckets: {invoiceDate: month}) { count } }`,
  "a list relation's aggregate": `{ invoices { id linesAggregate { count } } }`,
};

/** The same through the entity sales extends, as a gateway asks the sales subgraph for it. */
export const ENTITY_ATTACKS: Record<string, string> = {
  "Where, on a relation of the extended entity": `{ _entities(representations: [{__typename: "Customer", id: 1}]) { ... on Customer { invoices(where: {total: {_gt: 1}}) { id } } } }`,
  "Where, on its aggregate": `{ _entities(representations: [{__typename: "Customer", id: 1}]) { ... on Customer { invoicesAggregate(where: {invoiceDate: {_isNull: false}}) { count } } } }`,
};

/** Through the gateway, the hidden fields themselves are gone too, from every domain's side. */
export const GATEWAY_ATTACKS: Record<string, string> = {
  "the field": `{ invoices(limit: 1) { billingAddress } }`,
  "the list relation": `{ invoices(limit: 1) { lines { id } } }`,
  "the object relation": `{ invoiceLines(limit: 1) { invoice { id } } }`,
  "Where, from crm's Customer": `{ customers(limit: 1) { invoices(where: {total: {_gt: 1}}) { id } } }`,
  "Where, on the aggregate from crm's Customer": `{ customers(limit: 1) { invoicesAggregate(where: {invoiceDate: {_isNull: false}}) { count } } }`,
  "OrderBy, from crm's Customer": `{ customers(limit: 1) { invoices(orderBy: [{total: DESC}]) { id } } }`,
};
