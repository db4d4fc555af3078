import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { canonicalDecimal } from "../src/execute/decimalText.js";

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });

const INTEGER = /^[+-]?\d{1,20}$/;
const MIN_BIGINT = -(2n ** 63n);
// BIGINT UNSIGNED reaches 2^64 - 1.
const MAX_BIGINT = 2n ** 64n - 1n;

function parseBigInt(value: unknown): string {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  const text = typeof value === "bigint" ? value.toString() : typeof value === "string" ? value.trim() : undefined;
  if (text !== undefined && INTEGER.test(text)) {
    const n = BigInt(text);
    if (n >= MIN_BIGINT && n <= MAX_BIGINT) return n.toString();
  }
  throw badInput(`BigInt needs a 64-bit integer, as a string (or a number up to 2^53), not ${JSON.stringify(String(value))}`);
}

const literal = (ast: ValueNode) => (ast.kind === Kind.INT || ast.kind === Kind.FLOAT || ast.kind === Kind.STRING ? ast.value : undefined);

/** A 64-bit integer, exact: JavaScript numbers stop at 2^53, so it travels as a string. */
export const BigIntScalar = new GraphQLScalarType({
  name: "BigInt",
  description: "A 64-bit integer, exact: sent as a string, accepted as a string or an integer.",
  serialize: (value) => parseBigInt(value),
  parseValue: parseBigInt,
  parseLiteral: (ast) => parseBigInt(literal(ast)),
});

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d{1,4})?$/i;
// More digits than any store keeps (PostgreSQL's numeric has 1000 of precision): refused, not computed.
const MAX_DECIMAL_LENGTH = 1100;

function parseDecimal(value: unknown): string {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" ? value.trim() : undefined;
  if (text !== undefined && DECIMAL.test(text)) {
    const canonical = canonicalDecimal(text);
    if (canonical.length <= MAX_DECIMAL_LENGTH) return canonical;
  }
  throw badInput(`Decimal needs a decimal number such as "12.50", not ${JSON.stringify(String(value))}`);
}

/** An exact decimal number, as a string: a JSON number would be read as a double by most clients. */
export const DecimalScalar = new GraphQLScalarType({
  name: "Decimal",
  description: "An exact decimal number, sent as a string such as \"12.5\", accepted as a string or a number.",
  serialize: (value) => parseDecimal(typeof value === "number" ? value : String(value)),
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(literal(ast)),
});
