import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { LRUCache } from "lru-cache";
import { InMemoryLRUCache, PrefixingKeyValueCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";
import { MetadataError } from "../metadata/MetadataError.js";

/** `security.trustedDocuments`: the only operations that run, by the sha256 hex of their text. */
export interface TrustedDocuments {
  documents: Map<string, string>;
  /** Groups that may still send any operation. */
  exceptGroups: string[];
}

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * graphql-codegen's persisted documents manifest (`{ "<sha256>": "<document>" }`), each hash
 * checked against its document so that a hand-edited manifest cannot run one text under another's name.
 */
export function readTrustedDocuments(file: string, exceptGroups: string[]): TrustedDocuments {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new MetadataError(`the trusted documents manifest cannot be read: ${(error as Error).message}`, { file });
  }
  if (!manifest || typeof manifest !== "object" || Array.isArray(manifest)) throw new MetadataError("a trusted documents manifest maps sha256 hashes to documents", { file });
  const documents = new Map<string, string>();
  for (const [hash, document] of Object.entries(manifest)) {
    const sha = hash.replace(/^sha256:/, "");
    if (typeof document !== "string" || sha256Hex(document) !== sha) throw new MetadataError(`the document of ${hash} does not have that sha256 hash`, { file });
    documents.set(sha, document);
  }
  return { documents, exceptGroups };
}

/**
 * Apollo's persisted query cache: trusted documents are found by their hash without ever being
 * registered; with a manifest, nothing else is kept (nothing else may run), else automatic
 * persisted queries are remembered as Apollo does.
 */
export function persistedQueryCache(trusted: TrustedDocuments | undefined): KeyValueCache<string> {
  const registered = new InMemoryLRUCache<string>();
  const cache: KeyValueCache<string> = {
    get: async (hash) => trusted?.documents.get(hash) ?? (trusted ? undefined : registered.get(hash)),
    set: async (hash, query, options) => {
      if (!trusted) await registered.set(hash, query, options);
    },
    delete: (hash) => registered.delete(hash),
  };
  // Keys are the hashes themselves, which the manifest uses.
  return PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(cache);
}

/**
 * The gateway's subgraph calls are operations it wrote itself from one it admitted, in no
 * manifest: it signs each document's text, and a subgraph takes a signed one as admitted
 * (HMAC-SHA256 with a key shared by the mesh's servers: MESHQL_GATEWAY_SECRET, or one per
 * process for `meshql start`).
 */
export const GATEWAY_SIGNATURE = "x-meshql-gateway-signature";

/**
 * Signatures under one key, remembered per text: a gateway sends the same few documents on every
 * request (a plan's fetches), so each is signed, and checked by a subgraph, once rather than per
 * call. Only texts signed here or found signed are remembered, up to a total size, so that
 * unsigned or forged requests cannot fill the memory.
 */
export class DocumentSignatures {
  private readonly signatures = new LRUCache<string, Buffer>({ maxSize: 8 * 2 ** 20, sizeCalculation: (_signature, text) => text.length + 32 });

  constructor(private readonly key: Buffer) {}

  sign(text: string): string {
    const signature = this.signatures.get(text) ?? this.remember(text, this.hmac(text));
    return signature.toString("hex");
  }

  /** Whether `signature` is the key's for `text`, compared in constant time. */
  verify(text: string, signature: string | undefined): boolean {
    if (!signature) return false;
    const known = this.signatures.get(text);
    const expected = known ?? this.hmac(text);
    const given = Buffer.from(signature, "hex");
    const valid = given.length === expected.length && timingSafeEqual(given, expected);
    if (valid && !known) this.remember(text, expected);
    return valid;
  }

  private hmac(text: string): Buffer {
    return createHmac("sha256", this.key).update(text, "utf8").digest();
  }

  private remember(text: string, signature: Buffer): Buffer {
    // A text larger than the whole cache is not kept (lru-cache refuses it).
    this.signatures.set(text, signature);
    return signature;
  }
}
