const UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** A duration as authors write it, "15m", "6h", "1d", "2w", in milliseconds; undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  return m ? Number(m[1]) * UNITS[m[2] as keyof typeof UNITS] : undefined;
}

/** Milliseconds as authors write them, in the largest unit that divides them: 86400000 is "1d". */
export function formatDuration(ms: number): string {
  const [unit, size] = Object.entries(UNITS).reverse().find(([, size]) => ms % size === 0) ?? ["m", UNITS.m];
  return `${Math.round(ms / size)}${unit}`;
}
