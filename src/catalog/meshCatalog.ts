import type { Mesh } from "../server/openMesh.js";
import type { Catalog } from "./Catalog.js";
import { catalogEntries } from "./catalogEntries.js";

/** The catalog of an opened mesh: its domains' products, its audit log and platform store. */
export const meshCatalog = (mesh: Mesh): Catalog => ({ entries: catalogEntries(mesh.subgraphs), platformStore: mesh.platformStore, audit: mesh.audit });
