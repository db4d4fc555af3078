import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { CodegenConfig } from "@graphql-codegen/cli";
import { addTypenameSelectionDocumentTransform } from "@graphql-codegen/client-preset";

// Paths relative to this file, so codegen runs the same from the repository root or from here.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const config: CodegenConfig = {
  // The API schema clients see through the gateway, written by `meshql compose --api-schema`.
  schema: here("schema.graphql"),
  documents: here("src/operations/*.graphql"),
  generates: {
    [here("src/gql/")]: {
      preset: "client",
      presetConfig: {
        fragmentMasking: false,
        // src/gql/persisted-documents.json: each operation by the sha256 hex of its text, which
        // the app sends instead of the text (Apollo's persisted query hash), and which a mesh can
        // take as its trusted documents.
        persistedDocuments: { hashAlgorithm: (text: string) => createHash("sha256").update(text).digest("hex") },
      },
      // Apollo Client's cache needs every object's __typename: the operations ask for it, so the
      // text a mesh runs from the manifest answers it too.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: "string", Date: "string", BigInt: "string", Decimal: "string", UUID: "string", JSON: "unknown" },
      },
    },
    // Apollo Client's type policies from the supergraph's @key directives.
    [here("src/gql/typePolicies.ts")]: {
      schema: here("supergraph.graphql"),
      plugins: [here("codegen/typePolicies.cjs")],
    },
  },
};

export default config;
