import pino from "pino";

/** JSON-lines logs; LOG_LEVEL sets the level (tests keep it quiet). */
export const logger = pino({
  name: "meshql",
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
});
