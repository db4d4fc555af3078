import { z } from "zod";

/** `identity.anonymous`: who a request without a token is; it reads only what `reads` names. */
const AnonymousIdentity = z.strictObject({
  groups: z.array(z.string()).default([]),
  purposes: z.array(z.string()).default([]),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** Domains (`catalog`) or products (`catalog.Track`) anonymous callers may read; everything else is denied. */
  reads: z.array(z.string().regex(/^[a-z][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, "a domain or domain.Product")).default([]),
});

/** mesh.yaml `identity:` — how bearer tokens are verified and their claims read, and who asks without one. */
export const IdentityConfig = z
  .strictObject({
    issuer: z.string().min(1).optional(),
    audience: z.string().min(1).optional(),
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
    /** Requests without a token are served as this identity (`true`: no groups); without it they are refused. */
    anonymous: z.union([z.literal(true).transform(() => AnonymousIdentity.parse({})), AnonymousIdentity]).optional(),
  })
  .superRefine((c, ctx) => {
    const tokens = c.issuer || c.audience || c.hs256Secret || c.jwks;
    if (!tokens && !c.anonymous) ctx.addIssue({ code: "custom", message: "set issuer, audience and hs256Secret or jwks (tokens), anonymous, or both" });
    if (!tokens) return;
    if (!c.issuer || !c.audience) ctx.addIssue({ code: "custom", message: "tokens need both issuer and audience" });
    if (Boolean(c.hs256Secret) === Boolean(c.jwks)) ctx.addIssue({ code: "custom", message: "set exactly one of hs256Secret and jwks" });
  });

export type IdentityConfig = z.infer<typeof IdentityConfig>;
export type AnonymousIdentity = z.infer<typeof AnonymousIdentity>;

/** Whether the mesh verifies bearer tokens at all (a mesh may take anonymous callers only). */
export const takesTokens = (config: IdentityConfig): config is IdentityConfig & { issuer: string; audience: string } =>
  Boolean(config.issuer && config.audience);
