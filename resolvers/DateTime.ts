import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The calendar fields exist: Date.parse would roll 2021-02-30 over to 2 March. */
function isRealDate(value: string): boolean {
  const [, y, m, d, h = "0", min = "0", s = "0"] = value.match(/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/) ?? [];
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return day.getUTCMonth() === Number(m) - 1 && day.getUTCDate() === Number(d) && Number(h) < 24 && Number(min) < 60 && Number(s) < 60;
}

function parse(value: unknown): string {
  if (typeof value !== "string" || !ISO_8601.test(value) || Number.isNaN(Date.parse(value)) || !isRealDate(value)) {
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
