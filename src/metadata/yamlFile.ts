import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isNode } from "yaml";
import type { z } from "zod";
import { MetadataError } from "./MetadataError.js";

/** Parses a YAML file against a zod schema; any mistake names the file, line and reason. */
export function readYamlFile<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  const lineCounter = new LineCounter();
  const text = readFileSync(file, "utf8");
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const at = lineCounter.linePos(error.pos[0]);
    throw new MetadataError(error.message.split("\n")[0], { file, line: at.line, column: at.col });
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path as (string | number)[];
  const node = deepestNode(doc, path);
  const at = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
  const where = path.length ? `${path.join(".")}: ` : "";
  throw new MetadataError(`${where}${issue.message}`, { file, line: at.line, column: at.col });
}

function deepestNode(doc: ReturnType<typeof parseDocument>, path: (string | number)[]) {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node)) return node;
  }
  return undefined;
}
