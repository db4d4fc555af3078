import { describe, expect, it } from "vitest";
import { SharedCalls } from "../../src/gateway/SharedCalls.js";
import type { InProcessAnswer } from "../../src/server/httpServer.js";

/** A call that answers when told to. */
function pending() {
  let answer!: (a: InProcessAnswer) => void;
  const promise = new Promise<InProcessAnswer>((resolve) => (answer = resolve));
  return { promise, answer: () => answer({ status: 200, body: '{"data":{}}' }) };
}

describe("SharedCalls", () => {
  it("lets a request join the call in flight with the same key until it settles", async () => {
    const calls = new SharedCalls();
    const call = pending();
    const led = calls.lead("k", 10_000, "first", () => call.promise);
    expect(calls.join("k", 10_050)?.requestId).toBe("first");
    expect(calls.join("other", 10_050)).toBeUndefined();
    call.answer();
    await led;
    expect(calls.join("k", 10_050)).toBeUndefined();
  });

  it("joins only a call whose deadline is the request's own or at most 100 ms earlier", () => {
    const calls = new SharedCalls();
    void calls.lead("k", 10_000, "first", () => pending().promise);
    expect(calls.join("k", 10_000)).toBeDefined();
    expect(calls.join("k", 10_100)).toBeDefined();
    // The shared statements would be stopped too early for it.
    expect(calls.join("k", 10_101)).toBeUndefined();
    // It would wait past its own deadline.
    expect(calls.join("k", 9_999)).toBeUndefined();
    expect(calls.join("k", undefined)).toBeUndefined();
  });

  it("lets a later call lead for later requests, and forgets a call only once it is its own that settled", async () => {
    const calls = new SharedCalls();
    const [first, second] = [pending(), pending()];
    const a = calls.lead("k", 10_000, "first", () => first.promise);
    const b = calls.lead("k", 10_500, "second", () => second.promise);
    first.answer();
    await a;
    expect(calls.join("k", 10_550)?.requestId).toBe("second");
    second.answer();
    await b;
    expect(calls.join("k", 10_550)).toBeUndefined();
  });

  it("shares nothing once stopped", () => {
    const calls = new SharedCalls();
    void calls.lead("k", 10_000, "first", () => pending().promise);
    calls.stop();
    expect(calls.sharing).toBe(false);
    expect(calls.join("k", 10_000)).toBeUndefined();
    void calls.lead("k", 10_000, "second", () => pending().promise);
    expect(calls.join("k", 10_000)).toBeUndefined();
  });
});
