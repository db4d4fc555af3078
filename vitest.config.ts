import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Resets, migrates and seeds the demo stores once per run; see test/support/databases.ts.
    globalSetup: ["test/support/globalSetup.ts"],
    // Real database servers: generous, so a slow CI machine is not mistaken for a failure.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
