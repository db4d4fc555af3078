import { z } from "zod";

// The mesh.yaml sections that govern how every server (the gateway and each subgraph) admits a
// request over HTTP: which browser origins may call it, which operations it runs, and how it
// compresses answers. Operation limits and deadlines are under `limits:`.

/** `http://localhost:*` (any port), an exact origin, or `*` (every origin). */
const ORIGIN = /^(\*|https?:\/\/[^/:*\s]+(:(\d{1,5}|\*))?)$/;

export const CorsConfig = z
  .strictObject({
    /** Origins whose pages may call the servers from a browser; others get no CORS headers. */
    origins: z.array(z.string().regex(ORIGIN, "an origin such as https://app.example.com, http://localhost:* or *")).default([]),
  })
  .prefault({});

export const SecurityConfig = z
  .strictObject({
    /** Apollo's automatic persisted queries (the persistedQuery extension), GET and POST. */
    persistedQueries: z.boolean().default(true),
    /** Only the operations of this manifest run (graphql-codegen's persisted documents: hash → document). */
    trustedDocuments: z
      .strictObject({
        /** The manifest, relative to mesh.yaml. */
        manifest: z.string().min(1),
        /** Groups that may still send any operation (e.g. the explorer's users). */
        exceptGroups: z.array(z.string()).default([]),
      })
      .optional(),
  })
  .prefault({});

export const CompressionConfig = z
  .strictObject({
    /** gzip or brotli, as the client accepts, for answers of at least `minBytes`. */
    enabled: z.boolean().default(true),
    minBytes: z.number().int().min(0).default(1024),
  })
  .prefault({});

export type CorsConfig = z.infer<typeof CorsConfig>;
export type SecurityConfig = z.infer<typeof SecurityConfig>;
export type CompressionConfig = z.infer<typeof CompressionConfig>;
