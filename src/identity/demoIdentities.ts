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

/** schema/identities.yaml: named identities to sign tokens for, in demos and tests. */
export const readDemoIdentities = (file: string) => readYamlFile(file, IdentitiesFile).identities;
