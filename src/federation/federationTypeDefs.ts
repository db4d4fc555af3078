import { FEDERATION_DEFINITIONS } from "../metadata/directives.js";
import type { Domain } from "../metadata/model.js";

/** Names of the types other subgraphs may resolve here through `_entities`. */
export const entityTypeNames = (domain: Domain): string[] =>
  [...domain.types.values()].filter((t) => t.resolvable).map((t) => t.name);

/** The Federation subgraph contract: `_service`, `_entities` and the directives' definitions. */
export function federationTypeDefs(domain: Domain): string {
  const entities = entityTypeNames(domain);
  return `${FEDERATION_DEFINITIONS}
scalar _Any
type _Service { sdl: String }
${entities.length ? `union _Entity = ${entities.join(" | ")}` : ""}
extend type Query {
  ${entities.length ? "_entities(representations: [_Any!]!): [_Entity]!" : ""}
  _service: _Service!
}
`;
}
