import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function parse(value: unknown): string {
  if (typeof value !== "string" || !ISO_8601.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime needs an ISO 8601 date-time such as "2021-01-01T00:00:00Z", not ${JSON.stringify(value)}`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  // Without a zone the value is UTC, as dates are stored.
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) || !value.includes("T") ? value : `${value}Z`;
  return new Date(zoned).toISOString();
}

export const DateTime = new GraphQLScalarType({
  name: "DateTime",
  description: "An ISO 8601 date and time, in UTC.",
  serialize: (value) => (value instanceof Date ? value.toISOString() : value),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
