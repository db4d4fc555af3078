import {
  type EnumTypeDefinitionNode,
  Kind,
  Source,
  buildASTSchema,
  getLocation,
  parse,
  type ASTNode,
  type DocumentNode,
  type FieldDefinitionNode,
  GraphQLDeprecatedDirective,
  GraphQLError,
  getDirectiveValues,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from "graphql";
import { validateSDL } from "graphql/validation/validate.js";
import { DIRECTIVE_DEFINITIONS } from "./directives.js";
import { directiveArgs, repeatedDirectiveArgs } from "./directiveArgs.js";
import { MetadataError } from "./MetadataError.js";
import { fieldOfColumn, SCALAR_TYPES, type ColumnField, type Domain, type EnumType, type Field, type Product, type RelationField, type ScalarType, type SourceLoc } from "./model.js";
import { lowerFirst, pluralOf, snakeCase } from "./naming.js";
import { parseDuration } from "./duration.js";
import { resolveRelations, type PendingRelation } from "./resolveRelations.js";
import { checkNames } from "./checkNames.js";
import { keyParts, resolveObjectKeys, type PendingObjectKey } from "./objectKeys.js";

const PRELUDE = parse(DIRECTIVE_DEFINITIONS, { noLocation: true });

export interface DomainDefaults {
  defaultLimit: number;
  maxLimit: number;
  /** Where unqualified tables live (mesh.yaml `dbSchema:`): they are read as `<dbSchema>.<table>`. */
  dbSchema?: string;
  /** Snapshot intervals by product name (mesh.yaml `snapshots:`), over @product(snapshots:). */
  snapshots?: Record<string, string>;
}


/** Reads one domain's SDL into products and entity stubs, or throws a MetadataError naming file and line. */
export function parseDomain(text: string, file: string, defaults: DomainDefaults): Domain {
  const source = new Source(text, file);
  const locOf = (node: ASTNode | undefined): SourceLoc => {
    const at = node?.loc ? getLocation(source, node.loc.start) : { line: 1, column: 1 };
    return { file, line: at.line, column: at.column };
  };
  const document = parseOrThrow(source, file);
  const combined: DocumentNode = { kind: Kind.DOCUMENT, definitions: [...PRELUDE.definitions, ...document.definitions] };
  const errors = validateSDL(combined);
  if (errors.length > 0) throw fromGraphQLError(errors[0], file);
  const schema = buildASTSchema(combined, { assumeValidSDL: true });

  const pending: PendingRelation[] = [];
  const pendingKeys: PendingObjectKey[] = [];
  /** A table as the SQL names it: an unqualified name lives in the domain's `dbSchema`, if any. */
  const qualified = (table: string) => (defaults.dbSchema && !table.includes(".") ? `${defaults.dbSchema}.${table}` : table);
  try {
    return readDomain();
  } catch (error) {
    // Directive argument values are only type-checked when read, with the node's location.
    if (error instanceof GraphQLError) throw fromGraphQLError(error, file);
    throw error;
  }

  function readDomain(): Domain {
    let info: Domain["info"] | undefined;
    const types = new Map<string, Product>();
    const enums = new Map<string, EnumType>();
    // Enums first: a field may name one declared further down.
    for (const def of document.definitions) if (def.kind === Kind.ENUM_TYPE_DEFINITION) enums.set(def.name.value, readEnum(def));
    for (const def of document.definitions) {
      if (def.kind === Kind.SCHEMA_EXTENSION || def.kind === Kind.SCHEMA_DEFINITION) {
        const args = directiveArgs(schema, "domain", def);
        if (args) info = { name: args.name, owner: args.owner, description: args.description };
      } else if (def.kind === Kind.OBJECT_TYPE_DEFINITION) {
        const product = readType(def, enums);
        types.set(product.name, product);
      } else if (def.kind !== Kind.ENUM_TYPE_DEFINITION && def.kind !== Kind.DIRECTIVE_DEFINITION) {
        // A directive the domain defines (for @composeDirective) passes through to the subgraph SDL.
        throw new MetadataError(`only object types, enums, directive definitions and 'extend schema' are supported here, not ${def.kind}`, locOf(def));
      }
    }
    if (!info) throw new MetadataError("missing `extend schema @domain(name: ...)`", { file, line: 1 });
    if (![...types.values()].some((t) => t.table)) throw new MetadataError(`domain ${info.name} declares no @product`, { file, line: 1 });
    for (const product of types.values()) product.domain = info.name;
    resolveRelations(types, pending);
    resolveObjectKeys(pendingKeys);
    const domain = { info, file, document, types, enums };
    checkNames(domain);
    return domain;
  }

  /** An enum's values, each with the text its store holds (`@enumValue(value:)`, else its name). */
  function readEnum(def: EnumTypeDefinitionNode): EnumType {
    const values = (def.values ?? []).map((v) => ({ name: v.name.value, stored: directiveArgs(schema, "enumValue", v)?.value ?? v.name.value }));
    const seen = new Map<string, string>();
    for (const value of values) {
      const other = seen.get(value.stored);
      if (other) throw new MetadataError(`enum ${def.name.value}: ${other} and ${value.name} are both stored as "${value.stored}"`, locOf(def));
      seen.set(value.stored, value.name);
    }
    return { name: def.name.value, values, loc: locOf(def) };
  }

  function readType(def: ObjectTypeDefinitionNode, enums: Map<string, EnumType>): Product {
    const name = def.name.value;
    const productArgs = directiveArgs(schema, "product", def);
    const keys = repeatedDirectiveArgs(schema, "key", def);
    if (hasDirective(def, "external")) throw new MetadataError(`type ${name}: mark each field another subgraph owns @external, not the type`, locOf(def));
    if (!productArgs && keys.length === 0) {
      throw new MetadataError(`type ${name} is neither a @product nor an entity of another domain (@key)`, locOf(def));
    }
    const limits = {
      defaultLimit: productArgs?.defaultLimit ?? defaults.defaultLimit,
      maxLimit: productArgs?.maxLimit ?? defaults.maxLimit,
    };
    if (limits.defaultLimit < 1 || limits.maxLimit < limits.defaultLimit) {
      throw new MetadataError(`type ${name}: need 1 <= defaultLimit <= maxLimit`, locOf(def));
    }
    const product: Product = {
      name,
      domain: "",
      description: def.description?.value,
      table: productArgs ? qualified(productArgs.table ?? snakeCase(name)) : undefined,
      plural: productArgs?.plural ?? pluralOf(name),
      singular: lowerFirst(name),
      keyFields: [],
      keys: [],
      fields: new Map(),
      lineage: directiveArgs(schema, "lineage", def)?.from ?? [],
      tags: repeatedDirectiveArgs(schema, "tag", def).map((t) => t.name),
      inaccessible: hasDirective(def, "inaccessible"),
      limits,
      // A keyless product is no entity: nothing can resolve it by key.
      resolvable: keys.some((k) => k.resolvable !== false),
      loc: locOf(def),
    };
    if (product.plural === product.singular) {
      throw new MetadataError(`type ${name}: plural and singular are both '${product.plural}'; set @product(plural:)`, locOf(def));
    }
    const columns = new Map<string, string>();
    for (const fieldNode of def.fields ?? []) {
      const field = readField(product, fieldNode, enums);
      // Policies find a field by its column: one column, one field.
      if (field.kind === "column") {
        const other = columns.get(field.column);
        if (other) throw new MetadataError(`${name}.${field.name} and ${name}.${other} both read column "${field.column}"`, field.loc);
        columns.set(field.column, field.name);
      }
      product.fields.set(field.name, field);
    }
    // A product may be keyless (a view): served as lists and aggregates, never as an entity.
    if (keys.length === 0 && !productArgs) throw new MetadataError(`type ${name} needs @key(fields: "...")`, locOf(def));
    // Another domain's entity is resolved here from its key's values alone: by one key.
    if (!productArgs && keys.length > 1) throw new MetadataError(`type ${name}: an entity of another domain is declared here with one @key, the one this domain refers to it by`, locOf(def));
    const seen = new Set<string>();
    for (const key of keys) {
      const parts = keyParts(String(key.fields ?? ""), name, locOf(def));
      if (parts.length === 0) throw new MetadataError(`type ${name} needs @key(fields: "...")`, locOf(def));
      // A key into an object field waits for the domain's relations (resolveObjectKeys).
      if (parts.some((p) => p.nested)) {
        if (!productArgs) throw new MetadataError(`type ${name}: an entity of another domain is declared here by a key of its own scalar fields`, locOf(def));
        pendingKeys.push({ product, text: String(key.fields), parts, resolvable: key.resolvable !== false, loc: locOf(def) });
        continue;
      }
      const names = parts.map((p) => p.name);
      const fields = names.map((keyName) => {
        const field = product.fields.get(keyName);
        if (field?.kind !== "column" || field.list || field.type === "JSON") {
          throw new MetadataError(`@key field '${keyName}' of ${name} must be a single scalar field of the type, or an object relation or reference with the fields it joins on nested (\`${keyName} { id }\`)`, locOf(def));
        }
        return field;
      });
      const id = [...names].sort().join(" ");
      if (seen.has(id)) throw new MetadataError(`type ${name} declares @key(fields: "${key.fields}") twice`, locOf(def));
      seen.add(id);
      product.keys.push({ fields, paths: names.map((n) => [n]), resolvable: key.resolvable !== false });
    }
    product.keyFields = product.keys[0]?.fields ?? [];
    if (productArgs?.freshness !== undefined) product.freshness = freshnessField(product, productArgs.freshness);
    if (productArgs) product.override = movingFrom(def, product);
    if (productArgs?.expectEvery !== undefined) {
      // The promise is about the freshness column: without one, nothing could show it kept.
      if (!product.freshness) throw new MetadataError(`type ${name}: @product(expectEvery:) needs @product(freshness:), the column whose newest value shows the promise kept`, locOf(def));
      product.expectEvery = duration(product, "expectEvery", productArgs.expectEvery);
    }
    const snapshots = (productArgs && defaults.snapshots?.[name]) ?? productArgs?.snapshots;
    if (snapshots !== undefined) {
      if (!product.keyFields.length) throw new MetadataError(`type ${name}: @product(snapshots:) needs a @key, which tells one row's versions apart`, locOf(def));
      product.snapshots = { every: duration(product, "snapshots", snapshots), table: "" };
    }
    return product;
  }

  /** A `@product` duration: "15m", "6h", "1d", "2w", at least a minute. */
  function duration(product: Product, argument: string, text: string): number {
    const ms = parseDuration(text);
    if (ms === undefined || ms < 60_000) throw new MetadataError(`type ${product.name}: @product(${argument}: "${text}") takes a duration such as "15m", "6h", "1d" or "2w"`, product.loc);
    return ms;
  }

  /** `@product(freshness:)` names a DateTime or Date column of the product. */
  /**
   * The `@override` every field but the keys' carries alike, if they all do: the product moves
   * here whole (key fields stay resolvable in both subgraphs, or the old one could not name its rows).
   */
  function movingFrom(def: ObjectTypeDefinitionNode, product: Product): Product["override"] {
    const keyNames = new Set(product.keys.flatMap((k) => k.fields.map((f) => f.name)));
    const overrides = (def.fields ?? [])
      .filter((f) => !keyNames.has(f.name.value))
      .map((f) => directiveArgs(schema, "override", f) as { from: string; label?: string } | undefined);
    const first = overrides[0];
    if (!first || overrides.some((o) => !o || o.from !== first.from || o.label !== first.label)) return undefined;
    return { from: first.from, ...(first.label !== undefined ? { label: first.label } : {}) };
  }

  function freshnessField(product: Product, column: string): ColumnField {
    const field = fieldOfColumn(product, column);
    if (!field || field.list || (field.type !== "DateTime" && field.type !== "Date")) {
      throw new MetadataError(`type ${product.name}: @product(freshness: "${column}") must name a DateTime or Date column of the type`, product.loc);
    }
    // The catalog shows the newest value to every caller: a hidden field cannot say it.
    if (field.inaccessible) throw new MetadataError(`type ${product.name}: @product(freshness: "${column}") names an @inaccessible field`, product.loc);
    return field;
  }

  function readField(product: Product, node: FieldDefinitionNode, enums: Map<string, EnumType>): Field {
    const { named, list, nullable } = unwrap(node.type);
    if (!named) throw new MetadataError(`field ${product.name}.${node.name.value}: lists of lists are not supported`, locOf(node));
    const base = {
      name: node.name.value,
      description: node.description?.value,
      nullable,
      tags: repeatedDirectiveArgs(schema, "tag", node).map((t) => t.name),
      inaccessible: hasDirective(node, "inaccessible"),
      ...deprecation(node),
      loc: locOf(node),
    };
    const relation = directiveArgs(schema, "relation", node);
    const reference = directiveArgs(schema, "reference", node);
    const enumType = enums.get(named);
    const where = `field ${product.name}.${base.name}`;
    const { external, requires } = federationUse(product, node, where, base.loc);
    if (SCALAR_TYPES.includes(named as Exclude<ScalarType, "Enum">) || enumType) {
      if (relation || reference) {
        throw new MetadataError(`${where}: @relation/@reference need an object type`, base.loc);
      }
      if (list && named === "JSON") throw new MetadataError(`${where}: a JSON field holds lists itself; declare it JSON`, base.loc);
      if (requires) throw new MetadataError(`${where}: @requires is served on a relation of an entity stub, which joins on the fields it requires; a column field has nothing to compute`, base.loc);
      if (external && (list || named === "JSON")) throw new MetadataError(`${where}: an @external field is a single scalar or enum (its value joins in SQL)`, base.loc);
      const column = directiveArgs(schema, "column", node)?.name ?? snakeCase(base.name);
      const type: ScalarType = enumType ? "Enum" : (named as ScalarType);
      return { kind: "column", ...base, type, ...(enumType ? { enum: enumType } : {}), list, column, ...(external ? { external } : {}) };
    }
    if (external) throw new MetadataError(`${where}: only scalar and enum fields may be @external here`, base.loc);
    if (reference) {
      if (list) throw new MetadataError(`${where}: @reference takes a single entity`, base.loc);
      if (requires) throw new MetadataError(`${where}: @requires is served on a relation of an entity stub, not on a @reference`, base.loc);
      return { kind: "reference", ...base, target: named, targetProduct: undefined as never, columns: reference.column };
    }
    if (relation) {
      const field: RelationField = {
        kind: "relation",
        ...base,
        target: named,
        targetProduct: undefined as never,
        list,
        join: { sourceColumns: [], targetColumns: [] },
        ...(requires ? { requires } : {}),
      };
      pending.push({ source: product, field, args: { ...relation, ...(relation.through ? { through: qualified(relation.through) } : {}) } });
      return field;
    }
    throw new MetadataError(
      `field ${product.name}.${base.name} of type ${named} needs @relation (same domain) or @reference (another domain)`,
      base.loc,
    );
  }

  /**
   * `@external`, `@requires` and `@provides` as meshql can serve them. A product's fields are
   * columns of its own table: none is another subgraph's (@external) or computed from another
   * subgraph's values (@requires). On an entity stub, @external scalar fields arrive in the
   * gateway's representations, and a relation may @require them to join on their values.
   * @provides is never served: a reference gives another domain's entity by its key alone.
   */
  function federationUse(product: Product, node: FieldDefinitionNode, where: string, loc: SourceLoc): { external: boolean; requires?: string[] } {
    if (hasDirective(node, "provides")) {
      throw new MetadataError(`${where}: @provides is not served: a @reference gives another domain's entity by its key alone, none of its other fields`, loc);
    }
    const external = hasDirective(node, "external");
    const fields = directiveArgs(schema, "requires", node)?.fields as string | undefined;
    if (product.table && external) {
      throw new MetadataError(`${where} is @external: a product's fields are columns of its own table; declare another subgraph's fields @external on its entity stub (a type with @key and no @product)`, loc);
    }
    if (product.table && fields !== undefined) {
      throw new MetadataError(`${where}: @requires is not served on a product, whose fields are read from its own table, never computed from another subgraph's values; a relation of an entity stub may @require the stub's @external fields`, loc);
    }
    if (fields === undefined) return { external };
    const requires = fields.split(/\s+/).filter(Boolean);
    if (!requires.length || /[{}()@$:]/.test(fields)) throw new MetadataError(`${where}: @requires(fields:) names @external fields of ${product.name}, without nested selections or arguments`, loc);
    return { external, requires };
  }
}

/** `@deprecated`'s reason (GraphQL's default when none is given), or nothing. */
function deprecation(node: FieldDefinitionNode): { deprecated?: string } {
  const args = getDirectiveValues(GraphQLDeprecatedDirective, node);
  return args ? { deprecated: String(args.reason) } : {};
}

const hasDirective = (node: { directives?: readonly { name: { value: string } }[] }, name: string) =>
  (node.directives ?? []).some((d) => d.name.value === name);

function unwrap(type: TypeNode): { named: string; list: boolean; nullable: boolean } {
  const nullable = type.kind !== Kind.NON_NULL_TYPE;
  const inner = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  if (inner.kind === Kind.LIST_TYPE) {
    const item = inner.type.kind === Kind.NON_NULL_TYPE ? inner.type.type : inner.type;
    // A list of lists names no type meshql serves; the caller says where.
    return { named: item.kind === Kind.NAMED_TYPE ? item.name.value : "", list: true, nullable };
  }
  return { named: inner.name.value, list: false, nullable };
}

function parseOrThrow(source: Source, file: string): DocumentNode {
  try {
    return parse(source);
  } catch (error) {
    throw fromGraphQLError(error as GraphQLError, file);
  }
}

function fromGraphQLError(error: GraphQLError, file: string): MetadataError {
  const at = error.locations?.[0];
  return new MetadataError(error.message.replace(/^Syntax Error: /, "syntax error: "), {
    file: error.source?.name ?? file,
    line: at?.line,
    column: at?.column,
  });
}
