// How long a statement may run on each server store, from the time left before its request's
// deadline. Limits are rounded down to a tenth of a second, so that requests arriving with
// nearly the same time left share one setting (PostgreSQL changes it only when it differs) and
// the store stops a statement before the caller's deadline, not after.

const STEP_MS = 100;

/** Milliseconds, rounded down to the step (what is left, when that is less than a step). */
export const timeLimitMs = (leftMs: number) => (leftMs >= STEP_MS ? Math.floor(leftMs / STEP_MS) * STEP_MS : Math.max(1, Math.ceil(leftMs)));

/** PostgreSQL: a session setting, changed on a connection only when it differs. */
export const postgresTimeLimit = (ms: number) => `SET statement_timeout = ${ms}`;

/** MariaDB: a limit on this one statement (seconds), with no session state to restore. */
export const mariadbTimeLimit = (ms: number, sql: string) => `SET STATEMENT max_statement_time = ${ms / 1000} FOR ${sql}`;
