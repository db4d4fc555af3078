/** Consecutive rows with the same key, as groups (the queries order them so). */
export function groupRows<T>(rows: T[], keyOf: (row: T) => string): T[][] {
  const groups: T[][] = [];
  let last: string | undefined;
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== last || groups.length === 0) groups.push([]);
    groups[groups.length - 1].push(row);
    last = key;
  }
  return groups;
}
