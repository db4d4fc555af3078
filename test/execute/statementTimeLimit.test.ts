import { describe, expect, it } from "vitest";
import { keepsTimeLimit, timeLimitMs, timeLimitSetting } from "../../src/execute/statementTimeLimit.js";

describe("a connection's statement_timeout", () => {
  it("is kept while it stops the statement in time and at most a tenth early", () => {
    expect(keepsTimeLimit(9_400, 9_900)).toBe(true);
    expect(keepsTimeLimit(9_400, 9_400)).toBe(true);
    // Past the time left: the statement would outlive its request.
    expect(keepsTimeLimit(9_400, 9_300)).toBe(false);
    // More than a tenth early.
    expect(keepsTimeLimit(8_800, 9_900)).toBe(false);
    // None wanted and none set; one set when none is wanted, or none set when one is.
    expect(keepsTimeLimit(0, 0)).toBe(true);
    expect(keepsTimeLimit(5_000, 0)).toBe(false);
    expect(keepsTimeLimit(0, 5_000)).toBe(false);
  });

  it("is set a little under the time left, so that requests queued a little longer keep it", () => {
    const setting = timeLimitSetting(timeLimitMs(9_987));
    expect(setting).toBe(9_400);
    for (const left of [9_987, 9_700, 9_450]) expect(keepsTimeLimit(setting, timeLimitMs(left))).toBe(true);
    // Short limits are set as they are: a tenth of a second is already the step.
    expect(timeLimitSetting(timeLimitMs(850))).toBe(800);
    expect(timeLimitSetting(timeLimitMs(40))).toBe(40);
  });
});
