import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build (as @graphql-tools and @apollo do); vite would pick its
    // ESM build for our sources, and two graphql instances cannot share a schema.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Resets, migrates and seeds the demo stores once per run; see test/support/databases.ts.
    globalSetup: ["test/support/globalSetup.ts"],
    // Real database servers: generous, so a slow CI machine is not mistaken for a failure.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
