import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const nextConfig: NextConfig = {
  // One self-contained server (apps/frontend/.next/standalone/apps/frontend/server.js) for the container image.
  output: 'standalone',
  // Trace from the monorepo root so workspace packages (@todo/shared) and hoisted deps land in the bundle.
  outputFileTracingRoot: repoRoot,
  turbopack: { root: repoRoot },
  // @todo/shared ships TypeScript source.
  transpilePackages: ['@todo/shared'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The API is proxied at runtime; never let Next rewrite or cache it.
  skipTrailingSlashRedirect: true,
};

// Catalogs are compiled at build time (precompile), so the browser gets no ICU message parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});

export default withNextIntl(nextConfig);
