/** A statement whose request's deadline passed before it answered (see storeError). */
export class DeadlineExceeded extends Error {
  readonly code = "MESHQL_DEADLINE";
  constructor() {
    super("the statement's deadline passed");
  }
}
