import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

// The raw Chinook rows behind the demo stores, and what the demo policies make of them: the
// expected answers of test/policy/attacks.test.ts, computed here rather than read from a store.

export type Row = Record<string, any>;

export const table = (name: string): Row[] => {
  const { columns, rows } = JSON.parse(readFileSync(`data/chinook/${name}.json`, "utf8")) as { columns: string[]; rows: unknown[][] };
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
};

/** Lowercase hex sha256 of the UTF-8 text: the `hash` mask on every store. */
export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export const CUSTOMERS = table("customer").sort((a, b) => a.customer_id - b.customer_id);
export const EMPLOYEES = table("employee").sort((a, b) => a.employee_id - b.employee_id);
export const INVOICES = table("invoice").sort((a, b) => a.invoice_id - b.invoice_id);

/** Binary string order, as the demo stores' collations compare. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const ids = (rows: Row[], key = "customer_id") => rows.map((r) => r[key]);
export const idList = (rows: { id: number }[] | null | undefined) => (rows ?? []).map((r) => r.id);

export const customerHash = (c: Row) => sha256(c.email);
export const employeeHash = (e: Row) => sha256(e.email);
/** An employee's birth date as the analyst reads it: the year only. */
export const birthYear = (e: Row) => `${e.birth_date.slice(0, 4)}-01-01T00:00:00.000Z`;
export const fullBirthDate = (e: Row) => `${e.birth_date.replace(" ", "T")}.000Z`;

export const customersOf = (rep: number) => CUSTOMERS.filter((c) => c.support_rep_id === rep);
export const employeeOf = (id: number) => EMPLOYEES.find((e) => e.employee_id === id)!;
export const customerOf = (id: number) => CUSTOMERS.find((c) => c.customer_id === id)!;

export const countBy = <T>(rows: T[], key: (r: T) => string) => {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return counts;
};

/**
 * Every raw personal value of the demo data: customers' and employees' emails, phones, faxes,
 * addresses and postal codes, employees' full birth dates, invoices' billing addresses and
 * postal codes. None may appear, as a JSON string, in an answer to a masked caller.
 */
export const RAW_PII: string[] = [
  ...new Set(
    [
      ...CUSTOMERS.flatMap((c) => [c.email, c.phone, c.fax, c.address, c.postal_code]),
      ...EMPLOYEES.flatMap((e) => [e.email, e.phone, e.fax, e.address, e.postal_code, fullBirthDate(e)]),
      ...INVOICES.flatMap((i) => [i.billing_address, i.billing_postal_code]),
    ].filter((v): v is string => typeof v === "string" && v.length > 0),
  ),
];

/** The raw personal values found in a value's JSON (exact JSON strings, not substrings). */
export function rawPiiIn(value: unknown): string[] {
  const json = JSON.stringify(value ?? null);
  return RAW_PII.filter((raw) => json.includes(JSON.stringify(raw)));
}
