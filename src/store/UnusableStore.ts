import { redact } from "./openStore.js";

/** A store meshql cannot use (unreachable, refused, or not what its domain declares): said in one line. */
export class UnusableStore extends Error {
  override name = "UnusableStore";

  /** The store named (`the sales store`, `the platform store`) at its URL, its password hidden, and why. */
  static of(name: string, url: string, error: unknown): UnusableStore {
    return new UnusableStore(`the ${name} store at ${redact(url)} cannot be used: ${(error as Error).message}`);
  }
}
