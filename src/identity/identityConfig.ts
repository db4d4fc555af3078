import { z } from "zod";

/** mesh.yaml `identity:` — how bearer tokens are verified and their claims read. */
export const IdentityConfig = z.union([
  z.strictObject({
    /** Requests without a token are served as an identity with no groups (demos, tests only). */
    anonymous: z.literal(true),
  }),
  z
    .strictObject({
      issuer: z.string().min(1),
      audience: z.string().min(1),
      /** HS256 secret (at least 32 characters); MESHQL_JWT_SECRET overrides it. */
      hs256Secret: z.string().min(32, "an HS256 secret needs at least 32 characters").optional(),
      /** RS256/ES256 keys: a JWKS file (relative to the project root) or an https URL. */
      jwks: z.string().optional(),
      /** Which claims hold the subject, groups, purposes and attributes. */
      claims: z
        .strictObject({
          subject: z.string().default("sub"),
          groups: z.string().default("groups"),
          purposes: z.string().default("purposes"),
          scopes: z.string().default("scope"),
          attributes: z.record(z.string(), z.string()).default({}),
        })
        .prefault({}),
      /** Tokens issued this many seconds ago or more are refused even if they have not expired. */
      maxTokenAge: z.number().int().positive().optional(),
    })
    .refine((c) => Boolean(c.hs256Secret) !== Boolean(c.jwks), "set exactly one of hs256Secret and jwks"),
]);

export type IdentityConfig = z.infer<typeof IdentityConfig>;
