#!/usr/bin/env bash
# pnpm k8s:up — the whole app on Minikube in one command, safe to run again:
#   tools → minikube start (Calico CNI, so NetworkPolicies are enforced) → images built into Minikube, tagged with
#   the git revision → helm upgrade --install (recovers a release stuck in pending-*) → waits for the migration
#   Job and every workload's rollout → helm test --logs → prints the URL that works.
# Environment (all optional):
#   RELEASE=todo  NAMESPACE=todo  MINIKUBE_PROFILE=minikube  MINIKUBE_CPUS=2  MINIKUBE_MEMORY=4096 (MiB)
#   MINIKUBE_CNI=calico  HELM_TIMEOUT=15m (covers a slow first pull of Postgres before migrations can run)
#   IMAGE_TAG=… (default: the git revision, plus a content hash of uncommitted changes)
#   SKIP_BUILD=1 (reuse images already in Minikube; IMAGE_TAG then defaults to the apps' version)
#   NODE_IMAGE=… (base image build arg for the Dockerfiles)
# Extra arguments go to `helm upgrade --install`, e.g. `pnpm k8s:up --set backend.replicaCount=1`.
# Runs on macOS's bash 3.2: no bash-4 features, no GNU-only tools (timeout), guarded empty arrays under set -u.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RELEASE="${RELEASE:-todo}"
NAMESPACE="${NAMESPACE:-todo}"
PROFILE="${MINIKUBE_PROFILE:-minikube}"
CPUS="${MINIKUBE_CPUS:-2}"
MEMORY="${MINIKUBE_MEMORY:-4096}"
CNI="${MINIKUBE_CNI:-calico}"
HELM_TIMEOUT="${HELM_TIMEOUT:-15m}"
CHART="$ROOT/charts/todo-chatbot"
FRONTEND_SVC="$RELEASE-frontend"

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
ok() { printf '    \033[32m✓\033[0m %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
warn() { printf '    \033[33m!\033[0m %s\n' "$*" >&2; }
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
kube() { "${KUBECTL[@]}" -n "$NAMESPACE" "$@"; }
if command -v helm >/dev/null 2>&1; then
  HELM="$(command -v helm)"
else
  note "helm not on PATH: fetching the pinned helm into .tools/ (scripts/install-helm.mjs, linux/amd64 only)…"
  HELM="$(node "$ROOT/scripts/install-helm.mjs")" || die "no helm: install helm 3 (https://helm.sh/docs/intro/install/, macOS: brew install helm)."
fi
ok "helm $("$HELM" version --short)"
BUILDER=""
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  if command -v docker >/dev/null 2>&1; then BUILDER=docker; else BUILDER=minikube; fi # minikube image build needs no docker
  ok "image builder: $BUILDER"
fi

step "Starting Minikube (profile $PROFILE)"
if minikube -p "$PROFILE" status >/dev/null 2>&1; then
  ok "already running"
  # NetworkPolicies are only enforced by a CNI that implements them; Minikube's default (kindnet/bridge) does not.
  if [ -z "$("${KUBECTL[@]}" -n kube-system get pods -l 'k8s-app in (calico-node,cilium)' -o name 2>/dev/null || true)" ]; then
    warn "this cluster runs no Calico or Cilium: the chart's NetworkPolicies are accepted but NOT enforced."
    warn "to enforce them: minikube -p $PROFILE delete && pnpm k8s:up   (starts with --cni=$CNI)"
  fi
else
  minikube -p "$PROFILE" start --cpus="$CPUS" --memory="$MEMORY" --cni="$CNI" ||
    die "minikube start failed (see its message above)."
fi
"${KUBECTL[@]}" config use-context "$PROFILE" >/dev/null 2>&1 || true

# The apps share one version (chart-gen refuses otherwise): the chart's appVersion.
VERSION="$(node -p "require('$ROOT/apps/backend/package.json').version")"
# A tag per source state, so `helm upgrade` sees a new pod spec after every rebuild and rolls the pods: the git
# revision (what `pnpm turbo docker` also tags), plus a hash of uncommitted changes (same content, same tag).
source_tag() {
  local rev dirty
  rev="$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null)" || {
    date +dev-%Y%m%d%H%M%S
    return
  }
  if [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]; then
    dirty="$(cd "$ROOT" && { git diff HEAD --binary; git ls-files -o --exclude-standard | git hash-object --stdin-paths; } | git hash-object --stdin | cut -c1-8)"
    printf '%s-dirty-%s\n' "$rev" "$dirty"
  else
    printf '%s\n' "$rev"
  fi
}
if [ -n "${IMAGE_TAG:-}" ]; then
  TAG="$IMAGE_TAG"
elif [ "${SKIP_BUILD:-0}" = 1 ]; then
  TAG="$VERSION"
else
  TAG="$(source_tag)"
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "Building images into Minikube: todo-backend:$TAG, todo-frontend:$TAG"
  build_args=() mk_opts=()
  if [ -n "${NODE_IMAGE:-}" ]; then
    build_args+=(--build-arg "NODE_IMAGE=$NODE_IMAGE")
    mk_opts+=("--build-opt=build-arg=NODE_IMAGE=$NODE_IMAGE")
  fi
  cd "$ROOT"
  if [ "$BUILDER" = docker ]; then
    # Build straight into the cluster's Docker, so no registry is involved.
    eval "$(minikube -p "$PROFILE" docker-env)"
  fi
  for app in backend frontend; do
    if [ "$BUILDER" = docker ]; then
      docker build ${build_args[@]+"${build_args[@]}"} --build-arg "VERSION=$VERSION" \
        -f "docker/$app.Dockerfile" -t "todo-$app:$TAG" -t "todo-$app:$VERSION" . || die "docker build of todo-$app failed"
    else
      minikube -p "$PROFILE" image build ${mk_opts[@]+"${mk_opts[@]}"} --build-opt="build-arg=VERSION=$VERSION" \
        -f "docker/$app.Dockerfile" -t "todo-$app:$TAG" . || die "minikube image build of todo-$app failed"
    fi
  done
  ok "images built"
fi

step "Installing the chart: helm upgrade --install $RELEASE (namespace $NAMESPACE)"
# An interrupted helm leaves the release pending-*, and every later upgrade fails with "another operation
# (install/upgrade/rollback) is in progress". Only a helm that was stopped leaves it so; recover from it.
release_status() {
  "$HELM" status "$RELEASE" --namespace "$NAMESPACE" -o json 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{try{process.stdout.write(JSON.parse(s).info.status)}catch{}})' ||
    true
}
STATUS="$(release_status)"
case "$STATUS" in
  pending-install)
    warn "release $RELEASE is stuck in pending-install (an earlier install was interrupted): uninstalling it first."
    warn "the generated Secret and the Postgres volume are kept, so the data and its password survive."
    "$HELM" uninstall "$RELEASE" --namespace "$NAMESPACE" || die "helm uninstall $RELEASE failed"
    ;;
  pending-upgrade | pending-rollback)
    warn "release $RELEASE is stuck in $STATUS (an earlier helm was interrupted): rolling back to the last good revision."
    "$HELM" rollback "$RELEASE" --namespace "$NAMESPACE" ||
      die "helm rollback $RELEASE failed; see: $HELM history $RELEASE -n $NAMESPACE"
    ;;
  "") note "no release $RELEASE yet: installing" ;;
  *) note "release $RELEASE is $STATUS: upgrading in place" ;;
esac
# No --wait: Helm's readiness check holds a LoadBalancer Service until it has an address, which Minikube only
# gives while `minikube tunnel` runs (helm pkg/kube/ready.go). Helm still waits for the migration hook Job
# (up to --timeout); the rollouts are awaited below.
"$HELM" upgrade --install "$RELEASE" "$CHART" \
  --namespace "$NAMESPACE" --create-namespace \
  --set image.pullPolicy=Never \
  --set "backend.image.tag=$TAG" --set "frontend.image.tag=$TAG" \
  --timeout "$HELM_TIMEOUT" "$@" ||
  die "helm upgrade failed. Diagnose: ${KUBECTL[*]} -n $NAMESPACE get pods; ${KUBECTL[*]} -n $NAMESPACE logs job/$RELEASE-migrations; see docs/deploy.md#troubleshooting"
ok "release $RELEASE at image tag $TAG"

step "Waiting until the app is ready"
if [ -n "$(kube get job "$RELEASE-migrations" -o name 2>/dev/null || true)" ]; then
  kube wait --for=condition=complete "job/$RELEASE-migrations" --timeout=120s ||
    die "migrations did not complete: ${KUBECTL[*]} -n $NAMESPACE logs job/$RELEASE-migrations"
  ok "migrations applied (job/$RELEASE-migrations complete)"
fi
WORKLOADS="$(kube get deployments,statefulsets -l "app.kubernetes.io/instance=$RELEASE" -o name)"
[ -n "$WORKLOADS" ] || die "the release has no Deployments or StatefulSets in namespace $NAMESPACE"
for workload in $WORKLOADS; do
  kube rollout status "$workload" --timeout=10m ||
    die "$workload did not become ready: ${KUBECTL[*]} -n $NAMESPACE describe $workload"
  ok "$workload rolled out"
done

step "Running helm test"
"$HELM" test "$RELEASE" --namespace "$NAMESPACE" --logs --timeout 5m || die "helm test failed (logs above)."
ok "sign-up, a task created and read back through the frontend, migrations recorded"

step "Opening the app"
# Prints the first http line `minikube service --url` writes. With Minikube's docker driver on macOS the command
# keeps running (it holds a tunnel) and its URL works only while it does: then SERVICE_HOLDS_TUNNEL=1.
SERVICE_HOLDS_TUNNEL=0
service_url() {
  local out pid url="" waited=0
  out="$(mktemp)"
  minikube -p "$PROFILE" service "$FRONTEND_SVC" -n "$NAMESPACE" --url >"$out" 2>/dev/null &
  pid=$!
  while [ "$waited" -lt 30 ]; do
    url="$(grep -m1 '^http' "$out" 2>/dev/null || true)"
    if [ -n "$url" ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 1
    waited=$((waited + 1))
  done
  # Printing the URL and exiting are not one step: give it a moment before deciding it holds a tunnel.
  waited=0
  while [ "$waited" -lt 3 ] && kill -0 "$pid" 2>/dev/null; do
    sleep 1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    SERVICE_HOLDS_TUNNEL=1
    kill "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  # It may have printed and exited between the two checks above.
  [ -n "$url" ] || url="$(grep -m1 '^http' "$out" 2>/dev/null || true)"
  rm -f "$out"
  URL="$url"
}
TYPE="$(kube get svc "$FRONTEND_SVC" -o jsonpath='{.spec.type}')"
PORT="$(kube get svc "$FRONTEND_SVC" -o jsonpath='{.spec.ports[0].port}')"
LB="$(kube get svc "$FRONTEND_SVC" -o jsonpath='{.status.loadBalancer.ingress[0].ip}{.status.loadBalancer.ingress[0].hostname}' 2>/dev/null || true)"
SUFFIX=""
[ "$PORT" = 80 ] || SUFFIX=":$PORT"
if [ "$TYPE" = LoadBalancer ] && [ -n "$LB" ]; then
  ok "open http://$LB$SUFFIX/   (the LoadBalancer address; minikube tunnel is running)"
elif [ "$TYPE" = LoadBalancer ] || [ "$TYPE" = NodePort ]; then
  URL=""
  service_url
  if [ "$SERVICE_HOLDS_TUNNEL" = 1 ]; then
    note "this Minikube driver reaches Services through a tunnel that lives as long as a command runs. Run, in another terminal:"
    note "  minikube -p $PROFILE service $FRONTEND_SVC -n $NAMESPACE --url     (and open the URL it prints)"
  elif [ -n "$URL" ]; then
    ok "open $URL"
  else
    warn "minikube service --url printed no URL; try: minikube -p $PROFILE service $FRONTEND_SVC -n $NAMESPACE --url"
  fi
  [ "$TYPE" = NodePort ] ||
    note "or run \`minikube tunnel\` in another terminal for the LoadBalancer address: ${KUBECTL[*]} -n $NAMESPACE get svc $FRONTEND_SVC"
else
  note "the frontend Service is $TYPE: ${KUBECTL[*]} -n $NAMESPACE port-forward svc/$FRONTEND_SVC 8080:$PORT, then open http://127.0.0.1:8080/"
fi
note "Run it again after a change: pnpm k8s:up (rebuilds, upgrades in place, rolls the pods). Remove: pnpm k8s:down"
