import {
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLString,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields.js";

// A root field's value written straight to its response JSON, as graphql-js would complete it:
// fields in collection order, each leaf through its type's own `serialize`, `__typename` from the
// type, nulls and lists as the types say. Worked out once per plan (document, variables), then
// only walks values: no resolvers, no paths, no promises. A value graphql-js would turn into an
// error (a null where the type forbids one, a value the scalar cannot serialise) makes `write`
// give up, and graphql-js answers instead, with its own error.

export type Shape =
  | { kind: "leaf"; nonNull: boolean; type: GraphQLLeafType }
  | { kind: "list"; nonNull: boolean; item: Shape }
  | { kind: "object"; nonNull: boolean; fields: FieldShape[] }
  | { kind: "entity"; nonNull: boolean; byType: Map<string, Shape> };

// The Federation union `_entities` answers: meshql resolves its type from the value's own
// `__typename`, which every entity value carries (see loadEntities), so the writer can too.
const ENTITY_UNION = "_Entity";

export interface FieldShape {
  /** `"key":` and `,"key":`, ready to write. */
  prefix: string;
  separated: string;
  key: string;
  /** The field is `__typename`: this text is its value. */
  typename?: string;
  shape?: Shape;
}

export interface JsonWriter {
  /** What the field's answer holds, as the selection and the schema's types say. */
  shape: Shape;
  /** The value's JSON, or undefined where graphql-js would answer with an error. */
  write(value: unknown): string | undefined;
}

export interface WriterRequest {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** `Type.field` names guarded by access rules: graphql-js runs those. */
  guarded: ReadonlySet<string>;
}

/** The writer of one field of `parent` (the root type) asked by `nodes`; undefined when only graphql-js can answer it. */
export function jsonWriter(request: WriterRequest, parent: GraphQLObjectType, nodes: readonly FieldNode[]): JsonWriter | undefined {
  const name = nodes[0].name.value;
  const field = parent.getFields()[name];
  if (!field || request.guarded.has(`${parent.name}.${name}`)) return undefined;
  const shape = shapeOf(request, field.type, nodes);
  if (!shape) return undefined;
  return {
    shape,
    write(value) {
      // Parts joined once: a string grown by += is a rope of thousands of nodes, which the
      // garbage collector copies from generation to generation while the response is built.
      const out: string[] = [];
      return writeValue(shape, value, out) ? out.join("") : undefined;
    },
  };
}

function shapeOf(request: WriterRequest, type: GraphQLOutputType, nodes: readonly FieldNode[], nonNull = false): Shape | undefined {
  if (isNonNullType(type)) return shapeOf(request, type.ofType, nodes, true);
  if (isListType(type)) {
    const item = shapeOf(request, type.ofType, nodes);
    return item && { kind: "list", nonNull, item };
  }
  if (isLeafType(type)) return { kind: "leaf", nonNull, type };
  if (isUnionType(type) && type.name === ENTITY_UNION) {
    const byType = new Map<string, Shape>();
    for (const member of type.getTypes()) {
      const shape = shapeOf(request, member, nodes, nonNull);
      if (!shape) return undefined;
      byType.set(member.name, shape);
    }
    return { kind: "entity", nonNull, byType };
  }
  // Other interfaces and unions need their own type resolution: graphql-js answers those.
  if (!isObjectType(type)) return undefined;
  const fields: FieldShape[] = [];
  for (const [key, fieldNodes] of collectSubfields(request.schema, request.fragments, request.variables, type, nodes)) {
    const name = fieldNodes[0].name.value;
    const prefix = `${JSON.stringify(key)}:`;
    const separated = `,${prefix}`;
    if (name === "__typename") {
      fields.push({ prefix, separated, key, typename: JSON.stringify(type.name) });
      continue;
    }
    const field = type.getFields()[name];
    if (!field || request.guarded.has(`${type.name}.${name}`)) return undefined;
    const shape = shapeOf(request, field.type, fieldNodes);
    if (!shape) return undefined;
    fields.push({ prefix, separated, key, shape });
  }
  return { kind: "object", nonNull, fields };
}

/** The shape of an entity's own type, by the `__typename` it carries. */
const entityShape = ({ byType }: { byType: Map<string, Shape> }, value: unknown): Shape | undefined => {
  const typename = typeof value === "object" ? (value as { __typename?: unknown }).__typename : undefined;
  return typeof typename === "string" ? byType.get(typename) : undefined;
};

function writeValue(shape: Shape, value: unknown, out: string[]): boolean {
  if (value === null || value === undefined) {
    if (shape.nonNull) return false;
    out.push("null");
    return true;
  }
  switch (shape.kind) {
    case "leaf": {
      // What graphql-js's own scalars return unchanged, written without the call.
      const t = shape.type;
      if (typeof value === "string" ? t === GraphQLString || t === GraphQLID : typeof value === "number" && (t === GraphQLFloat ? Number.isFinite(value) : t === GraphQLInt && (value | 0) === value)) {
        out.push(typeof value === "string" ? JSON.stringify(value) : String(value));
        return true;
      }
      try {
        const serialized = shape.type.serialize(value);
        if (serialized === null || serialized === undefined) return false;
        out.push(JSON.stringify(serialized));
        return true;
      } catch {
        return false;
      }
    }
    case "list": {
      if (!Array.isArray(value)) return false;
      out.push("[");
      for (let i = 0; i < value.length; i++) {
        if (i) out.push(",");
        if (!writeValue(shape.item, value[i], out)) return false;
      }
      out.push("]");
      return true;
    }
    case "entity": {
      const own = entityShape(shape, value);
      return own !== undefined && writeValue(own, value, out);
    }
    case "object": {
      if (typeof value !== "object") return false;
      const object = value as Record<string, unknown>;
      out.push("{");
      for (let i = 0; i < shape.fields.length; i++) {
        const field = shape.fields[i];
        out.push(i ? field.separated : field.prefix);
        if (field.typename) out.push(field.typename);
        else if (!writeValue(field.shape!, object[field.key], out)) return false;
      }
      out.push("}");
      return true;
    }
  }
}
