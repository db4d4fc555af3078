import { join } from "node:path";
import { GraphQLError } from "graphql";
import { readDemoIdentities } from "../identity/demoIdentities.js";
import type { Mesh } from "../server/openMesh.js";
import { explainQuery, type Explainer } from "./explainQuery.js";

/** Explains as an identity named in schema/identities.yaml, over the mesh's subgraphs. */
export function demoExplainer(mesh: Mesh): Explainer {
  const identities = readDemoIdentities(join(mesh.config.root, "schema/identities.yaml"));
  return async (as, purpose, query) => {
    const identity = identities[as];
    if (!identity) throw new GraphQLError(`no identity ${as} in schema/identities.yaml`, { extensions: { code: "BAD_USER_INPUT" } });
    if (purpose && !identity.purposes.includes(purpose)) {
      throw new GraphQLError(`purpose "${purpose}" is not granted to ${as}`, { extensions: { code: "BAD_USER_INPUT" } });
    }
    return explainQuery(mesh.subgraphs, { subject: as, ...identity, purpose }, query);
  };
}
