#!/usr/bin/env bash
# CI entry point of the container checks (issue 5), from a fresh clone after `pnpm install`:
#   bash scripts/containers/ci.sh
# 1. podman from Debian, serving the Docker API on a private socket (podman.sh)
# 2. a local Node base image, since no image registry is reachable (base-image.sh)
# 3. `pnpm turbo docker` with DOCKER_HOST and NODE_IMAGE pointing at them (both images, in parallel)
# 4. the smoke test against Postgres at 127.0.0.1:5432 (vitest project smoke: smoke.test.mjs → test-results/container-smoke.json)
# 5. compose.yaml run for real with docker-compose and a local Postgres stand-in image (postgres-image.sh), on the
#    host network (vitest project compose: compose.test.mjs → test-results/container-compose.json)
# 6. cleanup: containers, the images it built, build layers, the podman service.
# KEEP_IMAGES=1 keeps the images and layer cache (faster reruns while developing). NODE_IMAGE / POSTGRES_IMAGE
# name existing images to use instead of building the local stand-ins.
set -euo pipefail
cd "$(dirname "$0")/../.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
smoke_report=test-results/container-smoke.json
compose_report=test-results/container-compose.json
rm -f "$smoke_report" "$compose_report"

fail_report() { # a failure before a test could run still counts in CI's summed test report: fail_report FILE NAME MESSAGE
  mkdir -p test-results
  node -e 'const [f,name,msg]=process.argv.slice(1);require("fs").writeFileSync(f,JSON.stringify({numTotalTests:1,numPassedTests:0,numFailedTests:1,success:false,testResults:[{name,status:"failed",message:msg}]},null,2)+"\n")' \
    "$1" "$2" "$3"
}

t0=$(date +%s)
bash scripts/containers/podman.sh install
eval "$(bash scripts/containers/podman.sh env)"
bash scripts/containers/podman.sh start

built_tags=()
# Build containers (buildah's) that exist before this run; a failed or interrupted build leaves its own behind,
# pinning gigabytes of layers, and cleanup removes those.
external_before="$(podman ps -a --external -q --no-trunc | sort)"
cleanup() {
  local status=$?
  comm -13 <(echo "$external_before") <(podman ps -a --external -q --no-trunc 2>/dev/null | sort) \
    | xargs -r podman rm --force >/dev/null 2>&1 || true
  if [ "${KEEP_IMAGES:-0}" != 1 ]; then
    for tag in "${built_tags[@]}"; do podman rmi --force "$tag" >/dev/null 2>&1 || true; done
    podman image prune --force >/dev/null 2>&1 || true
    [ -n "${NODE_IMAGE_BUILT:-}" ] && podman rmi --force "$NODE_IMAGE_BUILT" >/dev/null 2>&1 || true
    [ -n "${POSTGRES_IMAGE_BUILT:-}" ] && podman rmi --force "$POSTGRES_IMAGE_BUILT" >/dev/null 2>&1 || true
  fi
  bash scripts/containers/podman.sh stop
  echo "container checks finished in $(( $(date +%s) - t0 )) s (exit $status)"
}
trap cleanup EXIT

if [ -z "${NODE_IMAGE:-}" ]; then
  NODE_IMAGE="$(bash scripts/containers/base-image.sh)"
  NODE_IMAGE_BUILT="$NODE_IMAGE"
fi
export NODE_IMAGE
echo "podman $(podman --version | awk '{print $3}'), DOCKER_HOST=$DOCKER_HOST, NODE_IMAGE=$NODE_IMAGE"

for app in backend frontend; do
  version="$(node -p "require('./apps/$app/package.json').version")"
  prefix="${IMAGE_REGISTRY:+${IMAGE_REGISTRY%/}/}"
  built_tags+=("$prefix"todo-"$app:$version")
  sha="$(git rev-parse --short=12 HEAD 2>/dev/null || true)"
  [ -n "$sha" ] && built_tags+=("$prefix"todo-"$app:$sha")
done

b0=$(date +%s)
# Both images in parallel, exactly as a user runs it.
build() { pnpm turbo run docker --concurrency=2; }
if ! build; then
  fail_report "$smoke_report" 'pnpm turbo docker builds both images through the Docker API' 'image build failed (see the log above)'
  exit 1
fi
export SMOKE_BUILD_SECONDS=$(( $(date +%s) - b0 ))

smoke_status=0
pnpm --filter @todo/scripts test:smoke || smoke_status=$?

compose_status=0
if [ -z "${POSTGRES_IMAGE:-}" ]; then
  if POSTGRES_IMAGE="$(bash scripts/containers/postgres-image.sh)"; then
    POSTGRES_IMAGE_BUILT="$POSTGRES_IMAGE"
  else
    fail_report "$compose_report" 'compose.yaml runs with docker-compose' 'building the Postgres stand-in image failed'
    compose_status=1
  fi
fi
if [ "$compose_status" -eq 0 ]; then
  export POSTGRES_IMAGE
  c0=$(date +%s)
  pnpm --filter @todo/scripts test:compose || compose_status=$?
  echo "compose test finished in $(( $(date +%s) - c0 )) s"
fi
[ "$smoke_status" -eq 0 ] && [ "$compose_status" -eq 0 ]
