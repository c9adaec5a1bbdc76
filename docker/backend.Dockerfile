# Backend image: the tsup bundle, the node_modules files it actually loads, and the SQL migrations.
# Build context = repo root:  docker build -f docker/backend.Dockerfile -t todo-backend .
# Classic-builder compatible (no BuildKit-only syntax), so it also builds through podman's Docker API.
#
# Runtime layout (WORKDIR /app):  dist/server.js (server), dist/migrate.js (migrations, then exit),
# drizzle/ (SQL migrations, found next to dist/), node_modules/ (traced), package.json ("type": "module").
#   docker run … todo-backend                       → serves on 0.0.0.0:$PORT (8080)
#   docker run … todo-backend node dist/migrate.js  → applies pending migrations under an advisory lock

# Base image for every stage; override for mirrors or air-gapped registries (--build-arg NODE_IMAGE=…).
ARG NODE_IMAGE=node:22-slim

# ---- tools: pinned pnpm + turbo (the pipeline passes the versions from the root package.json)
FROM ${NODE_IMAGE} AS tools
ARG PNPM_VERSION=10.34.9
ARG TURBO_VERSION=2.11.11
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CI=true \
    npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
RUN npm install --global pnpm@${PNPM_VERSION} turbo@${TURBO_VERSION}
WORKDIR /repo

# ---- prune: the backend and the workspace packages it needs, split into manifests (json/) and sources (full/)
FROM tools AS prune
COPY . .
RUN turbo prune @todo/backend --docker

# ---- build: install from the pruned lockfile (cached until a manifest changes), bundle, trace the runtime files
FROM tools AS build
ARG NFT_VERSION=1.11.5
RUN npm install --prefix /opt/nft --no-save @vercel/nft@${NFT_VERSION}
COPY --from=prune /repo/out/json/ ./
COPY --from=prune /repo/out/pnpm-lock.yaml ./pnpm-lock.yaml
RUN pnpm install --frozen-lockfile --prefer-offline
COPY --from=prune /repo/out/full/ ./
# Root configs the packages extend; turbo prune copies workspaces only.
COPY --from=prune /repo/tsconfig.base.json ./
COPY scripts/containers/trace-deps.mjs /opt/nft/trace-deps.mjs
RUN pnpm --filter @todo/backend build \
 && node /opt/nft/trace-deps.mjs /repo apps/backend /out dist/server.js dist/migrate.js \
 && cp -R apps/backend/dist/. /out/dist/ \
 # source maps (≈ 6 MB) serve profiling on a checkout; node never reads them without --enable-source-maps
 && rm -f /out/dist/*.map \
 && cp -R apps/backend/drizzle /out/drizzle \
 && cp apps/backend/package.json /out/package.json \
 && cd /out && node -e "import('node:fs').then(fs=>{for (const f of ['dist/server.js','dist/migrate.js','drizzle/meta/_journal.json']) if(!fs.existsSync(f)) throw new Error('missing '+f)})"

# ---- runtime: root-owned files the app user can read but not change
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.0.0
ARG REVISION=unknown
ARG SOURCE=
LABEL org.opencontainers.image.title="todo-backend" \
      org.opencontainers.image.description="todo-chatbot API: auth, tasks, chat agent, MCP server" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="MIT"
# A fixed numeric uid/gid so Kubernetes runAsUser/fsGroup and volume permissions are predictable.
RUN echo 'app:x:10001:10001:app:/tmp:/sbin/nologin' >> /etc/passwd \
 && echo 'app:x:10001:' >> /etc/group
# Only non-secret, environment-neutral defaults. NODE_ENV=production makes BETTER_AUTH_SECRET mandatory at run time.
# Without DATABASE_URL the embedded PGlite keeps its data under /tmp (mount a volume and set PGLITE_DATA_DIR to keep it).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 PGLITE_DATA_DIR=/tmp/pglite HOME=/tmp
WORKDIR /app
COPY --from=build /out/ ./
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server.js"]
