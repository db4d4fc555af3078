import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isMap, isNode, isScalar, isSeq, type Document } from "yaml";
import type { z } from "zod";
import { MetadataError } from "./MetadataError.js";

/** Parses a YAML file against a zod schema; any mistake names the file, line and reason. */
export function readYamlFile<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  return readYamlWithLines(file, schema).value;
}

/** As readYamlFile, plus the line where any path of the document stands, for later checks. */
export function readYamlWithLines<T extends z.ZodType>(file: string, schema: T): { value: z.infer<T>; lineOf: (path: (string | number)[]) => number } {
  const lineCounter = new LineCounter();
  const text = readFileSync(file, "utf8");
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const at = lineCounter.linePos(error.pos[0]);
    throw new MetadataError(error.message.split("\n")[0], { file, line: at.line, column: at.col });
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  const lineOf = (path: (string | number)[]) => {
    const range = rangeOf(doc, path);
    return range ? lineCounter.linePos(range[0]).line : 1;
  };
  if (result.success) return { value: result.data, lineOf };
  const issue = result.error.issues[0];
  // An unknown key is reported on its parent; point at the key itself.
  const path = [...(issue.path as (string | number)[]), ...(issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : [])];
  const range = rangeOf(doc, path);
  const at = range ? lineCounter.linePos(range[0]) : { line: 1, col: 1 };
  const where = path.length ? `${path.join(".")}: ` : "";
  // A record key's own rule (e.g. its pattern) says more than "Invalid key in record".
  const reason = (issue.code === "invalid_key" && issue.issues[0]?.message) || issue.message;
  throw new MetadataError(`${where}${reason}`, { file, line: at.line, column: at.col });
}

/** Where the deepest existing part of `path` stands: a map entry's key, else the node. */
function rangeOf(doc: Document, path: (string | number)[]): [number, ...number[]] | undefined {
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const item = isSeq(parent) && typeof path[n - 1] === "number" ? parent.items[path[n - 1] as number] : undefined;
    if (isNode(item) && item.range) return item.range;
    if (!isMap(parent)) continue;
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1]);
    if (pair && isNode(pair.key) && pair.key.range) return pair.key.range;
  }
  return isNode(doc.contents) ? doc.contents.range ?? undefined : undefined;
}
