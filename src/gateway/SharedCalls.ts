import type { InProcessAnswer } from "../server/httpServer.js";

/** A subgraph call in flight that identical ones may share. */
export interface SharedCall {
  answer: Promise<InProcessAnswer>;
  /** The deadline it runs under (epoch ms). */
  deadline: number | undefined;
  /** The request it was made for. */
  requestId: string | undefined;
}

// A call is shared only by requests whose own deadline is at most this much after the call's:
// the subgraph stops the shared statements then, a little before it would have stopped theirs.
const DEADLINE_SPREAD_MS = 100;

/**
 * One subgraph's queries in flight, by everything that decides their answer (token, purpose,
 * document and variables): a request asking what another is already asking waits for that
 * call's answer rather than sending its own, as Apollo Router's and Hive Gateway's query
 * deduplication do. Audit stays complete: the subgraph returns the call's audit event as a
 * receipt, which the gateway records for every request that shared the call (see subgraphExecutor).
 */
export class SharedCalls {
  private readonly inFlight = new Map<string, SharedCall>();
  private stopped = false;

  /** The call in flight this request can wait for, if any. */
  join(key: string, deadline: number | undefined): SharedCall | undefined {
    const call = this.inFlight.get(key);
    if (!call) return undefined;
    if (call.deadline === undefined || deadline === undefined) return call.deadline === deadline ? call : undefined;
    return call.deadline <= deadline && call.deadline >= deadline - DEADLINE_SPREAD_MS ? call : undefined;
  }

  /** Makes a call that requests arriving while it is in flight may share. */
  lead(key: string, deadline: number | undefined, requestId: string | undefined, send: () => Promise<InProcessAnswer>): Promise<InProcessAnswer> {
    const answer = send();
    if (this.stopped) return answer;
    const call = { answer, deadline, requestId };
    this.inFlight.set(key, call);
    const settled = () => {
      if (this.inFlight.get(key) === call) this.inFlight.delete(key);
    };
    answer.then(settled, settled);
    return answer;
  }

  /** No more sharing: the subgraph gives no receipts, so a shared call could not be audited for each request. */
  stop(): void {
    this.stopped = true;
    this.inFlight.clear();
  }

  get sharing(): boolean {
    return !this.stopped;
  }
}
