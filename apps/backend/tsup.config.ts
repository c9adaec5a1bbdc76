import { defineConfig } from 'tsup';

/**
 * Packages left to node_modules. Everything else, npm dependencies included, is bundled into dist: resolving and
 * reading hundreds of small module files was most of the start-up time (Better Auth alone ≈ 150 ms unbundled,
 * ≈ 30 ms bundled). A package goes here when it reads files next to itself or loads native/WASM code
 * (Swagger UI's static assets, PGlite, pg-native), when it is loaded only on demand and large (OpenAI, MCP SDK,
 * Neon + ws), or when values cross into a package left here (zod: the MCP SDK reads the tools' zod schemas).
 */
const EXTERNAL = [
  'zod',
  '@fastify/swagger-ui',
  '@electric-sql/pglite',
  '@neondatabase/serverless',
  'ws',
  'openai',
  '@modelcontextprotocol/sdk',
  'pg-native',
  // The reminder queue (Postgres and Neon only): loaded on demand, and its config loader resolves files at run time.
  'graphile-worker',
];
/** Matches every import that is not one of EXTERNAL (or a subpath of one). */
const BUNDLED = new RegExp(`^(?!(?:${EXTERNAL.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})(?:/|$))`);

export default defineConfig({
  entry: { server: 'src/server.ts', migrate: 'src/migrate.ts', backup: 'src/backup/cli.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  splitting: true,
  noExternal: [BUNDLED],
  external: EXTERNAL,
  // Bundled CommonJS packages call require(): give the ESM output a real one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
