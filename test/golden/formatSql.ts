/**
 * Lays out one SQL statement for reading, losslessly: the only change is that some single spaces
 * become a newline plus indentation, so `unformatSql(formatSql(sql)) === sql` for any statement
 * without newlines (the golden runner checks this on every statement it records).
 *
 * A line breaks before a nested `(SELECT` (or SQLite's `json((SELECT`), and before FROM, WHERE,
 * GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET and UNION ALL when they are clauses of the SELECT at
 * that parenthesis depth (so `json_agg(x.j ORDER BY x.n)` or `JSON_ARRAYAGG(… ORDER BY … LIMIT ?)`
 * stay on their line).
 * Quoted text ('…', "…", `…`) is never touched. Indentation is two spaces per open parenthesis.
 */
export function formatSql(sql: string): string {
  if (sql.includes("\n")) return sql;
  let out = "";
  let depth = 0;
  const selectDepths = new Set<number>();
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      out += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") {
      selectDepths.delete(depth);
      depth--;
    } else if (startsWord(sql, i, "SELECT")) selectDepths.add(depth);
    if (c === " " && i > 0) {
      const rest = sql.slice(i + 1);
      if (rest.startsWith("(SELECT ") || rest.startsWith("json((SELECT ")) {
        out += `\n${indent(depth + 1)}`;
        continue;
      }
      if (selectDepths.has(depth) && CLAUSES.some((k) => startsWord(sql, i + 1, k))) {
        out += `\n${indent(depth)}`;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** The statement as sent: every line break and the indentation after it was one space. */
export const unformatSql = (text: string): string => text.replace(/\n */g, " ");

const CLAUSES = ["FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "OFFSET", "UNION ALL"];

const indent = (depth: number) => "  ".repeat(depth);

function startsWord(sql: string, at: number, word: string): boolean {
  if (!sql.startsWith(word, at)) return false;
  const before = at === 0 ? " " : sql[at - 1];
  const after = sql[at + word.length] ?? " ";
  return !/[\w$.]/.test(before) && !/[\w$]/.test(after);
}
