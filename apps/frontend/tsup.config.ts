import { defineConfig } from 'tsup';

// Bundles the frontend's own server (server/main.ts) over the server.js that `next build` generates in the
// standalone output: same path, so `pnpm start`, the image and the chart run it unchanged. `next` stays external
// (the standalone output traces it); everything else the server imports is bundled in, because Next's file
// tracing never sees this entry and the image carries only what Next traced.
export default defineConfig({
  entry: { server: 'server/main.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: '.next/standalone/apps/frontend',
  outExtension: () => ({ js: '.js' }),
  clean: false,
  splitting: false,
  sourcemap: false,
  external: ['next'],
  noExternal: [/^@todo\//, 'zod', 'undici'],
  // undici is CommonJS and requires Node built-ins; an ES module bundle needs a real `require` for that.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
