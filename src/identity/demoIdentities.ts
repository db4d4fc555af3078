import { existsSync } from "node:fs";
import { z } from "zod";
import { readYamlFile } from "../metadata/yamlFile.js";

const IdentitiesFile = z.strictObject({
  identities: z.record(
    z.string().regex(/^[a-z][a-z0-9_-]*$/),
    z.strictObject({
      description: z.string().optional(),
      groups: z.array(z.string()).default([]),
      purposes: z.array(z.string()).default([]),
      attributes: z.record(z.string(), z.unknown()).default({}),
    }),
  ),
});

export type DemoIdentity = z.infer<typeof IdentitiesFile>["identities"][string];

/** identities.yaml: named identities to sign development tokens for, in demos and tests. */
export const readDemoIdentities = (file: string) => readYamlFile(file, IdentitiesFile).identities;

/** The mesh's development identities, or none when its identities file does not exist. */
export const readDemoIdentitiesIfAny = (file: string): Record<string, DemoIdentity> => (existsSync(file) ? readDemoIdentities(file) : {});
