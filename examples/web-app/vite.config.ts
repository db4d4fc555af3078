import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The app is served from its own origin (the dev server on :5173, or any static server for
// dist/) and calls the gateway across origins, which the mesh's `cors:` allows.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: { port: 5173 },
  build: { outDir: "dist", emptyOutDir: true },
});
