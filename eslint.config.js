// `npm run lint`: ESLint's and typescript-eslint's recommended rules over the whole repository,
// plus the type-aware rules for promises, which the type check cannot catch (an unhandled
// rejection stops a Node server).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["dist/", "examples/*/dist/", "examples/typed-client/gql/", "examples/web-app/src/gql/", "bench/results/", "test-results/", ".meshql/", ".scratch/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // graphql-js types argument values and results as `any` (`{ [name: string]: any }`); the
      // selection stage and the tests read them as such after the schema has checked their shape.
      "@typescript-eslint/no-explicit-any": "off",
      // `const { secret: _secret, ...rest } = …` leaves a property out on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: {
        // The web app example's build files sit outside every tsconfig (its own covers its sources).
        projectService: { allowDefaultProject: ["examples/web-app/*.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
    },
  },
  { files: ["src/web/assets/**/*.js"], languageOptions: { globals: globals.browser } },
  // CommonJS files (a graphql-codegen plugin) load their dependencies with require.
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" }, rules: { "@typescript-eslint/no-require-imports": "off" } },
  // The explorer pages' own scripts are classic scripts beside React's and GraphiQL's UMD builds.
  { files: ["src/web/assets/explorer.js", "src/web/assets/sandbox.js"], languageOptions: { sourceType: "script" } },
);
