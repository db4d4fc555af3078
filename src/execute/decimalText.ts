// Exact numbers travel as text. Stores spell the same decimal differently ('5.00', '5', '5.0',
// '1.0e+20'); one canonical spelling makes every store's answer identical.

const NUMBER = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** The plain decimal text of a number's text: no exponent, no leading or trailing zeros, no "-0". */
export function canonicalDecimal(text: string): string {
  const m = NUMBER.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return text;
  const [, sign, whole, fraction = "", exponent = "0"] = m;
  const digits = `${whole}${fraction}`;
  const point = whole.length + Number(exponent);
  const padded = point < 0 ? "0".repeat(-point) + digits : point > digits.length ? digits + "0".repeat(point - digits.length) : digits;
  const at = Math.max(point, 0);
  const int = padded.slice(0, at).replace(/^0+/, "") || "0";
  const frac = padded.slice(at).replace(/0+$/, "");
  const body = frac ? `${int}.${frac}` : int;
  return sign === "-" && body !== "0" ? `-${body}` : body;
}

/** A store's integer (number, bigint or text) as exact decimal text. */
export const integerText = (value: unknown): string => (typeof value === "string" ? canonicalDecimal(value) : BigInt(value as number | bigint).toString());
