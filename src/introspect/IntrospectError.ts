/** A database that cannot be read as asked (no such schema, no tables): said in one line. */
export class IntrospectError extends Error {
  override name = "IntrospectError";
}
