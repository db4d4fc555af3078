/** node-postgres' own conversion of a bound value to its text (dates, arrays, buffers, JSON). */
declare module "pg/lib/utils.js" {
  export function prepareValue(value: unknown): string | Buffer | null;
}
