import { userError } from "../selection/userError.js";

export const DAY_MS = 86_400_000;
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;

/** The window `usage(since:, until:)` covers: the last 30 days by default, at most 366. */
export function usageWindow(args: { since?: string; until?: string }, now = new Date()): { since: Date; until: Date } {
  const until = args.until ? new Date(args.until) : now;
  const since = args.since ? new Date(args.since) : new Date(until.getTime() - DEFAULT_DAYS * DAY_MS);
  if (since >= until) throw userError("usage needs since before until");
  if (until.getTime() - since.getTime() > MAX_DAYS * DAY_MS) throw userError(`usage covers at most ${MAX_DAYS} days`);
  return { since, until };
}
