import { LRUCache } from "lru-cache";
import type { JWTPayload } from "jose";

// Tokens held at once, and the longest a verification is trusted before the signature is checked
// again (so a key removed from a JWKS stops being honoured within this time).
const MAX_TOKENS = 10_000;
const MAX_TRUST_MS = 60_000;

/**
 * Payloads of tokens already verified, by token text: a client sends the same token on every
 * request, and checking its signature each time cost about a tenth of a subgraph's CPU. Only a
 * successful verification is kept, and never past the token's own expiry (or `maxTokenAge`),
 * so a cached answer is one jwtVerify would still give.
 */
export class VerifiedTokens {
  private readonly cache = new LRUCache<string, { payload: JWTPayload; until: number }>({ max: MAX_TOKENS });

  constructor(private readonly maxTokenAgeSeconds?: number) {}

  get(token: string): JWTPayload | undefined {
    const entry = this.cache.get(token);
    if (entry && entry.until > Date.now()) return entry.payload;
    if (entry) this.cache.delete(token);
    return undefined;
  }

  set(token: string, payload: JWTPayload): void {
    const now = Date.now();
    const limits = [now + MAX_TRUST_MS, (payload.exp ?? 0) * 1000];
    if (this.maxTokenAgeSeconds !== undefined && payload.iat !== undefined) limits.push((payload.iat + this.maxTokenAgeSeconds) * 1000);
    const until = Math.min(...limits);
    if (until > now) this.cache.set(token, { payload, until });
  }
}
