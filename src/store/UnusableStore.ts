/** A store meshql cannot use (unreachable, refused, or not what its domain declares): said in one line. */
export class UnusableStore extends Error {
  override name = "UnusableStore";
}
