// How long a statement may run on each server store, from the time left before its request's
// deadline. Limits are rounded down to a tenth of a second, so that requests arriving with
// nearly the same time left share one setting (PostgreSQL changes it only when it differs) and
// the store stops a statement before the caller's deadline, not after.

const STEP_MS = 100;

/** Milliseconds, rounded down to the step (what is left, when that is less than a step). */
export const timeLimitMs = (leftMs: number) => (leftMs >= STEP_MS ? Math.floor(leftMs / STEP_MS) * STEP_MS : Math.max(1, Math.ceil(leftMs)));

/**
 * Whether a connection whose statement_timeout is `current` (0: none) can run a statement that
 * must stop within `wanted` ms as it is: it stops the statement in time, and at most a tenth
 * early. Requests queue for different times, so the time they have left varies by a few steps
 * from one to the next; a setting kept within that band saves a round trip on most requests.
 */
export const keepsTimeLimit = (current: number, wanted: number) =>
  wanted === 0 ? current === 0 : current > 0 && current <= wanted && current >= wanted * 0.9;

/** The setting to give a connection for `wanted`: a little under it, so that the next requests, with a little less time left, keep it. */
export const timeLimitSetting = (wanted: number) => (wanted >= 10 * STEP_MS ? Math.floor((wanted * 0.95) / STEP_MS) * STEP_MS : wanted);

/** PostgreSQL: a session setting, changed on a connection only when it does not keep (keepsTimeLimit). */
export const postgresTimeLimit = (ms: number) => `SET statement_timeout = ${ms}`;

/** MariaDB: a limit on this one statement (seconds), with no session state to restore. */
export const mariadbTimeLimit = (ms: number, sql: string) => `SET STATEMENT max_statement_time = ${ms / 1000} FOR ${sql}`;
