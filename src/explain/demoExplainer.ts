import { GraphQLError } from "graphql";
import { readDemoIdentitiesIfAny } from "../identity/demoIdentities.js";
import { shownPath } from "../metadata/readMeshDomains.js";
import type { Mesh } from "../server/openMesh.js";
import { explainQuery, type Explainer } from "./explainQuery.js";

/** Explains as an identity named in the mesh's identities file, over the mesh's subgraphs. */
export function demoExplainer(mesh: Mesh): Explainer {
  const file = mesh.config.identitiesFile;
  const identities = readDemoIdentitiesIfAny(file);
  return async (as, purpose, query) => {
    const identity = identities[as];
    if (!identity) throw new GraphQLError(`no identity ${as} in ${shownPath(file)}`, { extensions: { code: "BAD_USER_INPUT" } });
    if (purpose && !identity.purposes.includes(purpose)) {
      throw new GraphQLError(`purpose "${purpose}" is not granted to ${as}`, { extensions: { code: "BAD_USER_INPUT" } });
    }
    return explainQuery(mesh.subgraphs, { subject: as, ...identity, purpose }, query);
  };
}
