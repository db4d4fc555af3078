import pluralize from "pluralize";

/**
 * The words of a database identifier: accents dropped, split at anything but ASCII letters and
 * digits and at case changes (`InvoiceLine`, `invoice_line`, `HTTPStatus` → Invoice Line, invoice
 * line, HTTP Status).
 */
export function words(identifier: string): string[] {
  return identifier
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** `invoice_line` → `InvoiceLine`. */
export const pascalCase = (parts: string[]): string => parts.map(capitalised).join("");

/** `album_id`, `AlbumId` → `albumId`. */
export const camelCase = (parts: string[]): string => parts.map((w, i) => (i === 0 ? w.toLowerCase() : capitalised(w))).join("");

/** A type name for a table: the PascalCase of its singular (`invoice_lines` → `InvoiceLine`). */
export function typeNameOf(table: string): string {
  const parts = words(table);
  if (parts.length === 0) return "Table";
  parts[parts.length - 1] = pluralize.singular(parts[parts.length - 1].toLowerCase());
  const name = pascalCase(parts);
  return /^[0-9]/.test(name) ? `Table${name}` : name;
}

/** A field name for a column: its camelCase; `column<position>` when nothing is left, `_` before a digit. */
export function fieldNameOf(column: string, position: number): string {
  const name = camelCase(words(column));
  if (name === "") return `column${position}`;
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
