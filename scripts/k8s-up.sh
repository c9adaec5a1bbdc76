#!/usr/bin/env bash
# pnpm k8s:up — the whole app on Minikube in one command:
#   tools check → minikube start → images built into Minikube (AD-4) → helm upgrade --install --wait → helm test → URL.
# Environment (all optional):
#   RELEASE=todo  NAMESPACE=todo  MINIKUBE_PROFILE=minikube  MINIKUBE_CPUS=2  MINIKUBE_MEMORY=4096 (MiB)
#   SKIP_BUILD=1 (reuse images already in Minikube)  NODE_IMAGE=… (base image build arg for the Dockerfiles)
# Extra arguments go to `helm upgrade --install`, e.g. `pnpm k8s:up --set backend.replicaCount=1`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RELEASE="${RELEASE:-todo}"
NAMESPACE="${NAMESPACE:-todo}"
PROFILE="${MINIKUBE_PROFILE:-minikube}"
CPUS="${MINIKUBE_CPUS:-2}"
MEMORY="${MINIKUBE_MEMORY:-4096}"
CHART="$ROOT/charts/todo-chatbot"

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
ok() { printf '    \033[32m✓\033[0m %s\n' "$*"; }
die() {
  printf '\n\033[1;31merror:\033[0m %s\n' "$*" >&2
  exit 1
}

step "Checking tools"
command -v minikube >/dev/null 2>&1 ||
  die "minikube is not installed. Install it: https://minikube.sigs.k8s.io/docs/start/ (then re-run pnpm k8s:up)."
ok "minikube $(minikube version --short 2>/dev/null || true)"
if command -v kubectl >/dev/null 2>&1; then
  KUBECTL=(kubectl)
else
  KUBECTL=(minikube -p "$PROFILE" kubectl --)
fi
ok "kubectl: ${KUBECTL[*]}"
if command -v helm >/dev/null 2>&1; then
  HELM="$(command -v helm)"
else
  echo "    helm not on PATH: installing the pinned helm into .tools/ (scripts/install-helm.mjs)…"
  HELM="$(node "$ROOT/scripts/install-helm.mjs")" || die "could not install helm; install it from https://helm.sh/docs/intro/install/"
fi
ok "helm $("$HELM" version --short)"
BUILDER=""
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  if command -v docker >/dev/null 2>&1; then
    BUILDER=docker
  else
    BUILDER=minikube # `minikube image build` needs no local docker
  fi
  ok "image builder: $BUILDER"
fi

step "Starting Minikube (profile $PROFILE, ${CPUS} CPUs, ${MEMORY} MiB)"
if minikube -p "$PROFILE" status >/dev/null 2>&1; then
  ok "already running"
else
  minikube -p "$PROFILE" start --cpus="$CPUS" --memory="$MEMORY" || die "minikube start failed (see its message above)."
fi
"${KUBECTL[@]}" config use-context "$PROFILE" >/dev/null 2>&1 || true

VERSION_BACKEND="$(node -p "require('$ROOT/apps/backend/package.json').version")"
VERSION_FRONTEND="$(node -p "require('$ROOT/apps/frontend/package.json').version")"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "Building images into Minikube (AD-4): todo-backend:$VERSION_BACKEND, todo-frontend:$VERSION_FRONTEND"
  build_args=() mk_opts=()
  if [ -n "${NODE_IMAGE:-}" ]; then
    build_args+=(--build-arg "NODE_IMAGE=$NODE_IMAGE")
    mk_opts+=("--build-opt=build-arg=NODE_IMAGE=$NODE_IMAGE")
  fi
  cd "$ROOT"
  if [ "$BUILDER" = docker ]; then
    # Build straight into the cluster's Docker, so no registry is involved.
    eval "$(minikube -p "$PROFILE" docker-env)"
    docker build "${build_args[@]}" --build-arg "VERSION=$VERSION_BACKEND" -f docker/backend.Dockerfile -t "todo-backend:$VERSION_BACKEND" .
    docker build "${build_args[@]}" --build-arg "VERSION=$VERSION_FRONTEND" -f docker/frontend.Dockerfile -t "todo-frontend:$VERSION_FRONTEND" .
  else
    minikube -p "$PROFILE" image build "${mk_opts[@]}" --build-opt="build-arg=VERSION=$VERSION_BACKEND" -f docker/backend.Dockerfile -t "todo-backend:$VERSION_BACKEND" .
    minikube -p "$PROFILE" image build "${mk_opts[@]}" --build-opt="build-arg=VERSION=$VERSION_FRONTEND" -f docker/frontend.Dockerfile -t "todo-frontend:$VERSION_FRONTEND" .
  fi
  ok "images built"
fi

step "Installing the chart: helm upgrade --install $RELEASE (namespace $NAMESPACE)"
"$HELM" upgrade --install "$RELEASE" "$CHART" \
  --namespace "$NAMESPACE" --create-namespace \
  --set image.pullPolicy=Never \
  --wait --timeout 10m "$@" ||
  die "helm upgrade failed. Diagnose: ${KUBECTL[*]} -n $NAMESPACE get pods; ${KUBECTL[*]} -n $NAMESPACE describe pod <name>; see docs/deploy.md#troubleshooting"
ok "release $RELEASE deployed"

step "Running helm test"
"$HELM" test "$RELEASE" --namespace "$NAMESPACE" --logs || die "helm test failed (logs above)."
ok "backend ready, both Services answer"

step "Opening the app"
FRONTEND_SVC="$RELEASE-frontend"
TYPE="$("${KUBECTL[@]}" -n "$NAMESPACE" get svc "$FRONTEND_SVC" -o jsonpath='{.spec.type}')"
IP="$("${KUBECTL[@]}" -n "$NAMESPACE" get svc "$FRONTEND_SVC" -o jsonpath='{.status.loadBalancer.ingress[0].ip}' 2>/dev/null || true)"
if [ "$TYPE" = LoadBalancer ] && [ -n "$IP" ]; then
  ok "open http://$IP/ (minikube tunnel is running)"
else
  URL="$(timeout 30 minikube -p "$PROFILE" service "$FRONTEND_SVC" -n "$NAMESPACE" --url 2>/dev/null | head -n1 || true)"
  [ -n "$URL" ] && ok "open $URL"
  [ "$TYPE" = LoadBalancer ] &&
    echo "    For the LoadBalancer address (AD-3) run \`minikube tunnel\` in another terminal, then: ${KUBECTL[*]} -n $NAMESPACE get svc $FRONTEND_SVC"
fi
echo "    Remove everything with: pnpm k8s:down"
