# Frontend image: the Next.js standalone server with its static assets.
# Build context = repo root:  docker build -f docker/frontend.Dockerfile -t todo-frontend .
# Classic-builder compatible (no BuildKit-only syntax), so it also builds through podman's Docker API.
#
# Runtime layout (WORKDIR /app): apps/frontend/server.js, apps/frontend/.next/static, apps/frontend/public and the
# traced node_modules of Next's standalone output. BACKEND_URL is read per request, so the image fits any cluster.

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

# ---- prune: the frontend and the workspace packages it needs, split into manifests (json/) and sources (full/)
FROM tools AS prune
COPY . .
RUN turbo prune @todo/frontend --docker

# ---- build: install from the pruned lockfile (cached until a manifest changes), then build
FROM tools AS build
COPY --from=prune /repo/out/json/ ./
COPY --from=prune /repo/out/pnpm-lock.yaml ./pnpm-lock.yaml
RUN pnpm install --frozen-lockfile --prefer-offline
COPY --from=prune /repo/out/full/ ./
# Root configs the packages extend; turbo prune copies workspaces only.
COPY --from=prune /repo/tsconfig.base.json ./
# The build leaves a runnable standalone tree: our server bundled over server.js, .next/static and public copied.
RUN pnpm --filter @todo/frontend build \
 && cd apps/frontend \
 && test -f .next/standalone/apps/frontend/server.js \
 && test -d .next/standalone/apps/frontend/.next/static \
 # Next writes its cache under .next/cache: point it at /tmp so the root filesystem can stay read-only
 && rm -rf .next/standalone/apps/frontend/.next/cache \
 && ln -s /tmp/next-cache .next/standalone/apps/frontend/.next/cache

# ---- runtime: only the standalone tree, root-owned files the app user can read but not change
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.0.0
ARG REVISION=unknown
ARG SOURCE=
LABEL org.opencontainers.image.title="todo-frontend" \
      org.opencontainers.image.description="todo-chatbot web UI (Next.js); proxies /api/* to the backend" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="MIT"
# A fixed numeric uid/gid so Kubernetes runAsUser/fsGroup and volume permissions are predictable.
RUN echo 'app:x:10001:10001:app:/tmp:/sbin/nologin' >> /etc/passwd \
 && echo 'app:x:10001:' >> /etc/group
# Only environment-neutral defaults; BACKEND_URL comes from the deployment.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000 HOME=/tmp
WORKDIR /app
COPY --from=build /repo/apps/frontend/.next/standalone/ ./
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "apps/frontend/server.js"]
