import { GraphQLError, GraphQLScalarType } from "graphql";
import { GraphQLJSON, GraphQLLocalDate, GraphQLUUID } from "graphql-scalars";
import type { Domain } from "../src/metadata/model.js";
import { DateTime } from "./DateTime.js";
import { BigIntScalar, DecimalScalar } from "./exactScalars.js";

/** A library scalar's checks, with meshql's name for the type and a message that says what is expected. */
function renamed(library: GraphQLScalarType, name: string, description: string, expected: string, normalise = (v: unknown) => v) {
  const checked = <T>(read: () => T, value: unknown) => {
    try {
      return normalise(read());
    } catch {
      throw new GraphQLError(`${name} needs ${expected}, not ${JSON.stringify(value)}`, { extensions: { code: "BAD_USER_INPUT" } });
    }
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => normalise(library.serialize(value)),
    parseValue: (value) => checked(() => library.parseValue(value), value),
    parseLiteral: (ast, variables) => checked(() => library.parseLiteral(ast, variables), "value" in ast ? ast.value : ast.kind),
  });
}

/** graphql-scalars' LocalDate (a real calendar day), published as Date. */
const DateScalar = renamed(GraphQLLocalDate, "Date", "A calendar date, YYYY-MM-DD.", "a calendar date such as \"2024-02-29\"");

/** graphql-scalars' UUID, lower-cased so that every store compares it the same way. */
const UUIDScalar = renamed(GraphQLUUID, "UUID", "A UUID, in its 8-4-4-4-12 hexadecimal text.", "a UUID", (v) => String(v).toLowerCase());

/** The scalars every meshql subgraph shares, by name, for makeExecutableSchema's resolvers. */
export const SCALARS = {
  BigInt: BigIntScalar,
  Decimal: DecimalScalar,
  Date: DateScalar,
  DateTime,
  UUID: UUIDScalar,
  JSON: GraphQLJSON,
};

/** Each enum's values as the store holds them, so arguments arrive and results leave as stored text. */
export const enumResolvers = (domain: Domain): Record<string, Record<string, string>> =>
  Object.fromEntries([...domain.enums.values()].map((e) => [e.name, Object.fromEntries(e.values.map((v) => [v.name, v.stored]))]));
