import type { InProcessAnswer, InProcessRequest } from "../../src/server/httpServer.js";

/**
 * Calls a server's in-process door with the same request from `callers` loops at once, for `ms`:
 * how many answers came back (any but a 200 stops the measure).
 */
export async function callInProcess(call: (request: InProcessRequest) => Promise<InProcessAnswer>, request: InProcessRequest, ms: number, callers = 4): Promise<number> {
  const end = performance.now() + ms;
  let answers = 0;
  const caller = async () => {
    while (performance.now() < end) {
      const answer = await call(request);
      if (answer.status !== 200) throw new Error(`status ${answer.status}: ${answer.body}`);
      answers++;
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  return answers;
}
