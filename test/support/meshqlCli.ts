import { execFile } from "node:child_process";
import { expect } from "vitest";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the meshql CLI as a user would (`node --import tsx src/cli/main.ts …`) and waits for it to exit. */
export const meshql = (...args: string[]): Promise<CliRun> => meshqlWith({}, ...args);

/** As meshql, with these environment variables set too. */
export function meshqlWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", ...args],
      { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A refusal as the CLI must give it: exit 1, nothing on stdout, one `meshql: …` line and no stack. */
export function expectRefusal(run: CliRun, reason: RegExp): void {
  expect(run.code, run.stderr + run.stdout).toBe(1);
  expect(run.stderr.trimEnd().split("\n"), run.stderr).toHaveLength(1);
  expect(run.stderr).toMatch(/^meshql: /);
  expect(run.stderr.trimEnd()).toMatch(reason);
  expect(run.stdout).toBe("");
}
