import { defineConfig } from 'tsup';

// Bundles the frontend's own server (server/main.ts) over the server.js that `next build` generates in the
// standalone output: same path, so `pnpm start`, the image and the chart run it unchanged. `next` stays external
// (the standalone output traces it); our own code and @todo/shared are bundled in.
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
  noExternal: [/^@todo\//, 'zod'],
});
