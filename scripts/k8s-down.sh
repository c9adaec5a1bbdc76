#!/usr/bin/env bash
# pnpm k8s:down — removes what pnpm k8s:up created.
#   (no flag)  helm uninstall the release and the hook objects Helm leaves (migration Job, test pods). The Postgres
#              volume and the generated Secret (helm.sh/resource-policy: keep) stay, so the next k8s:up finds the
#              data and the password it was created with.
#   --purge    also delete the namespace, including the data volume and the Secret
#   --stop     also stop Minikube;  --delete  also delete the Minikube cluster
# Environment: RELEASE=todo NAMESPACE=todo MINIKUBE_PROFILE=minikube
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RELEASE="${RELEASE:-todo}"
NAMESPACE="${NAMESPACE:-todo}"
PROFILE="${MINIKUBE_PROFILE:-minikube}"
PURGE=0 STOP=0 DELETE=0
for arg in "$@"; do
  case "$arg" in
    --purge) PURGE=1 ;;
    --stop) STOP=1 ;;
    --delete) DELETE=1 ;;
    *)
      echo "usage: pnpm k8s:down [--purge] [--stop|--delete]" >&2
      exit 2
      ;;
  esac
done

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
command -v minikube >/dev/null 2>&1 || {
  echo "minikube is not installed: nothing to take down." >&2
  exit 0
}
if command -v kubectl >/dev/null 2>&1; then KUBECTL=(kubectl); else KUBECTL=(minikube -p "$PROFILE" kubectl --); fi
HELM="$(command -v helm || node "$ROOT/scripts/install-helm.mjs")" ||
  {
    echo "no helm: install helm 3 (https://helm.sh/docs/intro/install/, macOS: brew install helm)." >&2
    exit 1
  }

if minikube -p "$PROFILE" status >/dev/null 2>&1; then
  step "Uninstalling release $RELEASE (namespace $NAMESPACE)"
  if "$HELM" status "$RELEASE" --namespace "$NAMESPACE" >/dev/null 2>&1; then
    "$HELM" uninstall "$RELEASE" --namespace "$NAMESPACE" --wait
  else
    echo "    release $RELEASE not found"
  fi
  # Hook objects are not part of the release, so helm uninstall leaves them (Helm docs, "Chart Hooks").
  "${KUBECTL[@]}" -n "$NAMESPACE" delete jobs,pods,serviceaccounts -l "app.kubernetes.io/instance=$RELEASE" \
    --ignore-not-found >/dev/null 2>&1 || true
  if [ "$PURGE" = 1 ]; then
    step "Deleting namespace $NAMESPACE (including the Postgres data volume)"
    "${KUBECTL[@]}" delete namespace "$NAMESPACE" --ignore-not-found --wait
  else
    echo "    The Postgres data volume and its password (Secret $RELEASE) are kept; \`pnpm k8s:down --purge\` deletes them."
  fi
fi
if [ "$DELETE" = 1 ]; then
  step "Deleting the Minikube cluster ($PROFILE)"
  minikube -p "$PROFILE" delete
elif [ "$STOP" = 1 ]; then
  step "Stopping Minikube ($PROFILE)"
  minikube -p "$PROFILE" stop
fi
echo "done."
