import { existsSync } from "node:fs";
import { MetadataError } from "../metadata/MetadataError.js";
import { columnFields, isProduct, namedTypeOf, type ColumnField, type Domain, type Product, type ScalarType } from "../metadata/model.js";
import { checkDeclaredNullability } from "./checkDeclaredNullability.js";
import { coercePolicyWhere } from "./coercePolicyWhere.js";
import { policyPredicate } from "./policyPredicate.js";
import { readYamlWithLines } from "../metadata/yamlFile.js";
import type { MaskPolicy, Policy, PolicyOrigin } from "./model.js";
import { PolicyFile, type MaskSpec } from "./policyFile.js";
import { tagCovers } from "./tagCovers.js";

export interface PolicySource {
  file: string;
  /** "global" for central governance, else the domain that owns the file. */
  scope: string;
}

// Which field types each mask can produce a value of (lists and JSON: only null).
const MASK_TYPES: Record<MaskSpec["as"], ScalarType[] | "any"> = {
  null: "any",
  constant: ["Int", "Float", "String", "Boolean", "ID", "BigInt", "Decimal", "Date", "DateTime", "UUID", "Enum"],
  hash: ["String", "ID", "UUID"],
  partial: ["String", "ID"],
  round: ["Int", "Float", "BigInt", "Decimal"],
  truncateDate: ["DateTime", "Date"],
  regex: ["String", "ID"],
};

/** Reads the policy files and resolves every target against the domains; mistakes name file and line. */
export function loadPolicies(sources: PolicySource[], domains: Domain[]): Policy[] {
  const policies: Policy[] = [];
  for (const source of sources) {
    if (!existsSync(source.file)) continue;
    const { value, lineOf } = readYamlWithLines(source.file, PolicyFile);
    value.policies.forEach((entry, i) => {
      const line = lineOf(["policies", i]);
      const fail = (reason: string): never => {
        throw new MetadataError(`policy ${entry.name}: ${reason}`, { file: source.file, line });
      };
      if (entry.guardrail && source.scope !== "global") fail("only global policies can be guardrails");
      const toList = <T>(c: T | T[] | undefined) => (c === undefined ? undefined : Array.isArray(c) ? c : [c]);
      const origin: PolicyOrigin = {
        name: entry.name,
        description: entry.description,
        scope: source.scope,
        file: source.file,
        line,
        guardrail: entry.guardrail,
        when: toList(entry.when),
        unless: toList(entry.unless),
      };
      const resolve = addressResolver(domains, source.scope, fail);
      if ("rowFilter" in entry) {
        const product = resolve.product(entry.rowFilter.product);
        checkWhere(product, entry.rowFilter.where, fail);
        policies.push({ ...origin, kind: "rowFilter", product, where: entry.rowFilter.where });
      } else if ("mask" in entry) {
        policies.push(maskPolicy(origin, entry.mask, resolve, domains, source.scope, fail));
      } else if ("deny" in entry) {
        const d = entry.deny;
        if ("domain" in d) {
          if (!domains.some((x) => x.info.name === d.domain)) fail(`no domain ${d.domain}`);
          if (source.scope !== "global" && d.domain !== source.scope) fail(`a domain's policies cover its own products only`);
          policies.push({ ...origin, kind: "deny", target: { domain: d.domain } });
        } else if ("product" in d) {
          policies.push({ ...origin, kind: "deny", target: { product: resolve.product(d.product) } });
        } else {
          const { product, field } = resolve.field(d.field);
          policies.push({ ...origin, kind: "deny", target: { product, field, fieldName: field.name } });
        }
      } else {
        policies.push({ ...origin, kind: "aggregate", product: resolve.product(entry.aggregate.product), minGroupSize: entry.aggregate.minGroupSize });
      }
    });
  }
  checkMaskTies(policies.filter((p): p is MaskPolicy => p.kind === "mask"), domains);
  checkDeclaredNullability(policies, domains);
  return policies;
}

function maskPolicy(
  origin: PolicyOrigin,
  spec: MaskSpec & { field?: string; tag?: string; where?: Record<string, unknown> },
  resolve: ReturnType<typeof addressResolver>,
  domains: Domain[],
  scope: string,
  fail: (reason: string) => never,
): MaskPolicy {
  const { field: fieldAddress, tag, where, ...mask } = spec;
  const covered: { product: Product; field: ColumnField }[] = [];
  let target: MaskPolicy["target"];
  if (fieldAddress) {
    const found = resolve.field(fieldAddress);
    covered.push(found);
    target = found;
  } else {
    target = { tag: tag! };
    for (const domain of domains) {
      if (scope !== "global" && domain.info.name !== scope) continue;
      for (const product of domain.types.values()) {
        if (!isProduct(product)) continue;
        for (const field of columnFields(product)) if (field.tags.some((t) => tagCovers(tag!, t))) covered.push({ product, field });
      }
    }
    if (covered.length === 0) fail(`no field carries the tag ${tag}`);
  }
  for (const { product, field } of covered) {
    const at = `${product.domain}.${product.name}.${field.name}`;
    if (product.keys.some((k) => k.fields.includes(field))) fail(`${at} is a key: masking it would break lookups and joins`);
    const join = joinUsing(product, field.column);
    if (join) fail(`${at} is the column of ${product.name}.${join}, which would still reveal it: deny or mask that relation's target instead`);
    const types = MASK_TYPES[mask.as];
    const type = field.list ? `[${namedTypeOf(field)}]` : namedTypeOf(field);
    if ((types !== "any" && (field.list || !types.includes(field.type))) || (field.type === "JSON" && mask.as !== "null")) {
      fail(`a ${mask.as} mask cannot apply to ${at} (${type})`);
    }
    if (mask.as === "constant") checkConstant(field, mask.value, at, fail);
  }
  // A tag mask's `where` must make sense for each product it covers.
  if (where) for (const { product } of covered) checkWhere(product, where, fail);
  const specificity = fieldAddress ? 1000 : tag!.split(".").length;
  return { ...origin, kind: "mask", mask, target, specificity, where };
}

/** A constant mask's value must be a value of the field's type (an enum's by its name). */
function checkConstant(field: ColumnField, value: unknown, at: string, fail: (reason: string) => never): void {
  const expected = field.type === "Int" || field.type === "Float" ? "number" : field.type === "Boolean" ? "boolean" : undefined;
  if (expected && typeof value !== expected) fail(`the constant for ${at} must be a ${field.type}`);
  if (expected) return;
  try {
    coercePolicyWhere({ fields: new Map([[field.name, field]]) } as Product, { [field.name]: { _eq: value } });
  } catch (error) {
    fail(`the constant for ${at}: ${(error as Error).message}`);
  }
}

/** The `where` reads as the product's `Where` would (the policy stage coerces it the same way per request). */
function checkWhere(product: Product, where: Record<string, unknown>, fail: (reason: string) => never): void {
  try {
    policyPredicate(product, where, { groups: [], purposes: [], attributes: {} }, () => 0);
  } catch (error) {
    fail(`where: ${(error as Error).message}`);
  }
}

/** A relation or reference of the product that joins on this column, if any. */
function joinUsing(product: Product, column: string): string | undefined {
  for (const f of product.fields.values()) {
    if (f.kind === "reference" && f.columns.includes(column)) return f.name;
    if (f.kind === "relation" && !f.join.through && f.join.sourceColumns.includes(column) && !f.list) return f.name;
  }
  return undefined;
}

/**
 * On any one field, two masks of the same rank (guardrail or not) and the same specificity
 * cannot be ordered: refuse them at start-up rather than let file order decide.
 */
function checkMaskTies(masks: MaskPolicy[], domains: Domain[]): void {
  for (const domain of domains) {
    for (const product of domain.types.values()) {
      if (!isProduct(product)) continue;
      for (const field of columnFields(product)) {
        const covering = masks.filter((m) =>
          "tag" in m.target
            ? (m.scope === "global" || m.scope === product.domain) && field.tags.some((t) => tagCovers((m.target as { tag: string }).tag, t))
            : m.target.product === product && m.target.field === field,
        );
        for (const a of covering) {
          const b = covering.find((o) => o !== a && o.guardrail === a.guardrail && o.specificity === a.specificity);
          if (b) {
            throw new MetadataError(
              `policy ${b.name}: ties with ${a.name} (${a.file}:${a.line}) on ${product.domain}.${product.name}.${field.name}; one must be more specific`,
              { file: b.file, line: b.line },
            );
          }
        }
      }
    }
  }
}

/** Resolves `domain.Product[.field]` (or `Product[.field]` inside a domain's own file). */
function addressResolver(domains: Domain[], scope: string, fail: (reason: string) => never) {
  const product = (address: string): Product => {
    const parts = address.split(".");
    const [domainName, typeName] = parts.length === 2 ? parts : scope !== "global" && parts.length === 1 ? [scope, parts[0]] : [];
    if (!typeName) fail(`"${address}" is not a product address (domain.Product)`);
    if (scope !== "global" && domainName !== scope) fail(`a domain's policies cover its own products only, not ${address}`);
    const found = domains.find((d) => d.info.name === domainName)?.types.get(typeName!);
    if (!found || !isProduct(found)) fail(`no product ${domainName}.${typeName}`);
    return found!;
  };
  const field = (address: string): { product: Product; field: ColumnField } => {
    const at = address.lastIndexOf(".");
    if (at < 0) fail(`"${address}" is not a field address (domain.Product.field)`);
    const owner = product(address.slice(0, at));
    const found = owner.fields.get(address.slice(at + 1));
    if (found?.kind !== "column") fail(`no scalar field ${address}`);
    return { product: owner, field: found as ColumnField };
  };
  return { product, field };
}
