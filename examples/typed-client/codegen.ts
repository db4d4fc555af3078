import { fileURLToPath } from "node:url";
import type { CodegenConfig } from "@graphql-codegen/cli";

// Paths relative to this file, so codegen runs the same from the repository root or from here.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const config: CodegenConfig = {
  // The API schema clients see through the gateway, written by `meshql compose --api-schema`.
  schema: here("schema.graphql"),
  documents: here("operations/*.graphql"),
  // Imports end in .js, as NodeNext resolution (and Node itself) wants.
  emitLegacyCommonJSImports: false,
  generates: {
    [here("gql/")]: {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        // Each operation as a typed string: a plain fetch needs no GraphQL library at run time.
        documentMode: "string",
        useTypeImports: true,
        enumsAsTypes: true,
        // Every custom scalar must be mapped: a new one fails generation rather than turning into any.
        strictScalars: true,
        // Exact numbers travel as strings (BigInt, Decimal), as do dates and UUIDs.
        scalars: { DateTime: "string", Date: "string", BigInt: "string", Decimal: "string", UUID: "string", JSON: "unknown" },
      },
    },
  },
};

export default config;
