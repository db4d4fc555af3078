import type { IncomingMessage } from "node:http";
import type { Identity } from "../identity/Identity.js";
import type { Verifier } from "../identity/createVerifier.js";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The caller of a request, from its `Authorization` and `x-purpose` headers. */
export const verifyRequest = (verify: Verifier, req: IncomingMessage): Promise<Identity> =>
  verify(first(req.headers.authorization), first(req.headers["x-purpose"]));
