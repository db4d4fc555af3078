/** `ATTACH DATABASE file AS alias` for each attachment; aliases are meshql's own identifiers. */
export function attachAll(db: { prepare(source: string): { run(...params: unknown[]): unknown } }, attach: Record<string, string>): void {
  for (const [alias, file] of Object.entries(attach)) {
    if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`not an attachment alias: ${alias}`);
    db.prepare(`ATTACH DATABASE ? AS ${alias}`).run(file);
  }
}
