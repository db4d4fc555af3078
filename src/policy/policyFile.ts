import { z } from "zod";

// The YAML form of a policy file: schema/policies.yaml (central governance) and
// schema/<domain>/policies.yaml (the domain's owner). Targets are addresses:
// `domain.Product` or `domain.Product.field` (a domain's own file may omit its domain).

/** Who a policy concerns: any listed group, any listed purpose (declared), or every attribute equal. */
const Condition = z
  .strictObject({
    groups: z.array(z.string()).min(1).optional(),
    purposes: z.array(z.string()).min(1).optional(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  // An empty condition would match everyone (or, in a list, silently switch a policy off).
  .refine((c) => Boolean(c.groups || c.purposes || (c.attributes && Object.keys(c.attributes).length)), "a condition names groups, purposes or attributes");
/** One condition, or a list of alternatives (any of them). */
const Conditions = z.union([Condition, z.array(Condition).min(1)]);

const Where = z.record(z.string(), z.unknown());

const MASK_KINDS = ["null", "constant", "hash", "partial", "round", "truncateDate", "regex"] as const;
// What each kind of mask needs besides `as`.
const MASK_PARAMS: Record<(typeof MASK_KINDS)[number], string[]> = {
  null: [],
  constant: ["value"],
  hash: [],
  partial: ["keep"],
  round: [],
  truncateDate: ["unit"],
  regex: ["pattern", "replacement"],
};

const Mask = z
  .strictObject({
    field: z.string().optional(),
    tag: z.string().optional(),
    as: z.enum(MASK_KINDS),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    keep: z.number().int().min(0).max(1000).optional(),
    digits: z.number().int().min(-15).max(15).optional(),
    unit: z.enum(["year", "quarter", "month", "week", "day"]).optional(),
    pattern: z.string().min(1).optional(),
    replacement: z.string().optional(),
    /** Mask only the rows matching this. */
    where: Where.optional(),
  })
  .superRefine((mask, ctx) => {
    if (Boolean(mask.field) === Boolean(mask.tag)) ctx.addIssue({ code: "custom", message: "a mask names exactly one of field or tag" });
    for (const param of MASK_PARAMS[mask.as]) {
      if (mask[param as keyof typeof mask] === undefined) ctx.addIssue({ code: "custom", message: `a ${mask.as} mask needs ${param}` });
    }
  });

const Common = {
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "policy names are lower-case words joined by '-'"),
  description: z.string().optional(),
  /** A global policy that domain policies cannot relax. */
  guardrail: z.boolean().default(false),
  /** Applies only to identities matching this. */
  when: Conditions.optional(),
  /** Does not apply to identities matching this. */
  unless: Conditions.optional(),
};

export const PolicyEntry = z.union([
  z.strictObject({ ...Common, rowFilter: z.strictObject({ product: z.string(), where: Where }) }),
  z.strictObject({ ...Common, mask: Mask }),
  z.strictObject({
    ...Common,
    deny: z.union([z.strictObject({ domain: z.string() }), z.strictObject({ product: z.string() }), z.strictObject({ field: z.string() })]),
  }),
  z.strictObject({ ...Common, aggregate: z.strictObject({ product: z.string(), minGroupSize: z.number().int().min(2) }) }),
]);

export const PolicyFile = z.strictObject({ policies: z.array(PolicyEntry).default([]) });

export type PolicyEntry = z.infer<typeof PolicyEntry>;
export type ConditionSpec = z.infer<typeof Condition>;
export type MaskSpec = z.infer<typeof Mask>;
