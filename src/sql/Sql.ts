// A piece of SQL text with `?` placeholders and its bound values, composed without string
// concatenation of values: values only ever travel as bindings.

export class Sql {
  constructor(
    readonly text: string,
    readonly values: readonly unknown[],
  ) {}
}

/** Trusted text: keywords, quoted identifiers, validated GraphQL names. Never user values. */
export const raw = (text: string): Sql => new Sql(text, []);

/** A bound value. */
export const param = (value: unknown): Sql => new Sql("?", [value]);

/** Template tag: interpolated Sql pieces are inlined, anything else is bound. */
export function sql(strings: TemplateStringsArray, ...parts: unknown[]): Sql {
  let text = strings[0];
  const values: unknown[] = [];
  parts.forEach((part, i) => {
    if (part instanceof Sql) {
      text += part.text;
      // A loop, not push(...): a long IN list would overflow the argument stack.
      for (const value of part.values) values.push(value);
    } else {
      text += "?";
      values.push(part);
    }
    text += strings[i + 1];
  });
  return new Sql(text, values);
}

export function join(parts: readonly Sql[], separator: string): Sql {
  const values: unknown[] = [];
  for (const part of parts) for (const value of part.values) values.push(value);
  return new Sql(parts.map((p) => p.text).join(separator), values);
}

/** A GraphQL name, checked: the only text of a request written into a statement's text. */
export function graphqlName(name: string): string {
  if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(name)) throw new Error(`not a GraphQL name: ${name}`);
  return name;
}

/** A string literal for a validated GraphQL name (JSON keys). */
export const nameLiteral = (name: string): Sql => raw(`'${graphqlName(name)}'`);
