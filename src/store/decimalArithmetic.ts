// Exact sums and averages for SQLite, which has no decimal type: each value is read as the
// shortest decimal text that round-trips (what the other stores' decimal columns would hold),
// scaled to an integer and added as a BigInt.

interface Scaled {
  units: bigint;
  scale: number;
}

function scaled(value: number | bigint | string): Scaled | undefined {
  if (typeof value === "bigint") return { units: value, scale: 0 };
  const text = typeof value === "number" ? (Number.isFinite(value) ? plain(value) : undefined) : value.trim();
  const m = text === undefined ? null : /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || `${m[2]}${m[3] ?? ""}` === "") return undefined;
  const fraction = m[3] ?? "";
  return { units: BigInt(`${m[1]}${m[2] || "0"}${fraction}`), scale: fraction.length };
}

/** A double's shortest round-trip text, without an exponent. */
function plain(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  const [mantissa, exp] = text.split(/e/i);
  const [int, frac = ""] = mantissa.replace("-", "").split(".");
  const digits = int + frac;
  const point = int.length + Number(exp);
  const body = point <= 0 ? `0.${"0".repeat(-point)}${digits}` : point >= digits.length ? digits + "0".repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return n < 0 ? `-${body}` : body;
}

const rescale = (v: Scaled, scale: number) => v.units * 10n ** BigInt(scale - v.scale);

/** Text of units / 10^scale. */
function text(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const body = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${body}` : body;
}

/** A running exact sum; null until a non-null value is added, as SQL's SUM. */
export class DecimalSum {
  private units = 0n;
  private scale = 0;
  count = 0;

  add(value: unknown): void {
    if (value === null || value === undefined) return;
    const v = scaled(value as number | bigint | string);
    if (!v) throw new Error(`not a number: ${String(value)}`);
    if (v.scale > this.scale) {
      this.units *= 10n ** BigInt(v.scale - this.scale);
      this.scale = v.scale;
    }
    this.units += rescale(v, this.scale);
    this.count++;
  }

  sum(): string | null {
    return this.count ? text(this.units, this.scale) : null;
  }

  /** The average rounded half away from zero to `decimals` places, as PostgreSQL's round(avg(x), n). */
  average(decimals: number): string | null {
    if (!this.count) return null;
    // One more digit than kept, truncated toward zero, then rounded on it.
    const tenths = (this.units * 10n ** BigInt(decimals + 1)) / (10n ** BigInt(this.scale) * BigInt(this.count));
    const rounded = (tenths + (tenths < 0n ? -5n : 5n)) / 10n;
    return text(rounded, decimals);
  }
}
