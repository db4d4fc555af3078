import { describe, expect, it } from "vitest";
import { supergraphApiSchema } from "../../src/cli/publishedSchema.js";
import { auditedCoordinate } from "../../src/gateway/auditedCoordinate.js";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { meshSubgraphSources } from "../../src/gateway/subgraphSources.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";

// Which audit reads stand for a coordinate of the demo's API schema (what meshql check looks up).
const api = supergraphApiSchema(composeSupergraph(meshSubgraphSources(loadMeshConfig("schema/mesh.yaml"))));
const coordinateOf = (path: string) => auditedCoordinate(api, path)?.coordinate;

describe("the audited coordinate of a schema coordinate", () => {
  it("is the product's field for the field and every generated entry named after it", () => {
    for (const path of ["Invoice.billingCountry", "InvoiceWhere.billingCountry", "InvoiceOrderBy.billingCountry", "InvoiceField.billingCountry", "InvoiceGroupKey.billingCountry", "InvoiceGroupKeyOrderBy.billingCountry"]) {
      expect(coordinateOf(path), path).toBe("Invoice.billingCountry");
    }
    expect(coordinateOf("InvoiceNumericAggregate.total")).toBe("Invoice.total");
    expect(coordinateOf("InvoiceMinMaxAggregateWhere.total")).toBe("Invoice.total");
    expect(coordinateOf("InvoiceLineWhere.quantity")).toBe("InvoiceLine.quantity");
    expect(auditedCoordinate(api, "Invoice.total")?.reading).toEqual({ anyDomain: "fields", coordinate: "Invoice.total" });
  });

  it("is the relation or reference for it, its aggregate sibling and filters through it, whichever domain declares it", () => {
    expect(coordinateOf("Invoice.customer")).toBe("Invoice.customer");
    expect(coordinateOf("InvoiceWhere.customer")).toBe("Invoice.customer");
    expect(coordinateOf("Invoice.linesAggregate")).toBe("Invoice.lines");
    expect(coordinateOf("Customer.invoices")).toBe("Customer.invoices");
    expect(coordinateOf("Customer.invoicesAggregate")).toBe("Customer.invoices");
  });

  it("is the product for its type, its generated types' other members, and its root fields and their arguments", () => {
    for (const path of ["Invoice", "InvoiceWhere", "InvoiceWhere._and", "InvoiceAggregate.sum", "InvoiceGroup.key", "Query.invoices", "Query.invoice.id", "Query.invoicesGroupBy.by", "Query.invoicesAggregate"]) {
      expect(coordinateOf(path), path).toBe("Invoice");
    }
    expect(auditedCoordinate(api, "Query.invoices")?.reading).toEqual({ anyDomain: "products", coordinate: "Invoice" });
  });

  it("knows every type generated for a product (Invoice has snapshots and dates: all of them)", () => {
    const invoiceTypes = Object.keys(api.getTypeMap()).filter((name) => name.startsWith("Invoice") && !name.startsWith("InvoiceLine"));
    expect(invoiceTypes.length).toBeGreaterThan(15);
    for (const name of invoiceTypes) expect(coordinateOf(name), name).toBe("Invoice");
  });

  it("is nothing for what belongs to no product", () => {
    for (const path of ["MeshqlDataProduct.fields", "Query.meshqlDataProducts", "OrderDirection", "StringComparison._eq", "NoSuchType.field"]) {
      expect(auditedCoordinate(api, path), path).toBeUndefined();
    }
  });
});
