#!/usr/bin/env bash
# Podman as a Docker-compatible engine on machines without Docker (CI, this dev box).
# Usage:
#   eval "$(bash scripts/containers/podman.sh env)"   # exports CONTAINERS_CONF, CONTAINERS_STORAGE_CONF, DOCKER_HOST
#   bash scripts/containers/podman.sh install          # apt-get install podman & friends, docker-compose (root, Debian)
#   bash scripts/containers/podman.sh start            # write configs, serve the Docker API on a private socket
#   bash scripts/containers/podman.sh stop             # stop that service (only the one this script started)
# Everything lives under $TODO_PODMAN_DIR (default /tmp/todo-podman) so nothing touches the host's podman state.
set -euo pipefail

DIR="${TODO_PODMAN_DIR:-/tmp/todo-podman}"
SOCK="$DIR/podman.sock"
PIDFILE="$DIR/service.pid"

write_configs() {
  mkdir -p "$DIR/storage" "$DIR/run" "$DIR/tmp"
  # The defaults fail here: setrlimit(NOFILE) is refused and the host has hybrid cgroups.
  cat >"$DIR/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
# exec sessions' conmon otherwise lingers 5 minutes after each docker exec
exit_command_delay = 10
events_logfile_path = "$DIR/events.log"
tmp_dir = "$DIR/tmp"
CONF
  # Name the driver from the very first call: a store first opened without one makes every later call slow.
  cat >"$DIR/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$DIR/storage"
runroot = "$DIR/run"
CONF
}

print_env() {
  echo "export CONTAINERS_CONF='$DIR/containers.conf'"
  echo "export CONTAINERS_STORAGE_CONF='$DIR/storage.conf'"
  echo "export DOCKER_HOST='unix://$SOCK'"
}

case "${1:-}" in
  install)
    if command -v podman >/dev/null && command -v runc >/dev/null && command -v busybox >/dev/null \
      && command -v catatonit >/dev/null && command -v docker-compose >/dev/null; then exit 0; fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    # catatonit is podman's `--init` (compose `init: true`); only a Recommends, so a podman installed with
    # --no-install-recommends (as .ci/run does) lacks it, and a second `apt-get install podman` does not add it.
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq podman buildah runc fuse-overlayfs uidmap slirp4netns busybox-static \
      catatonit >/dev/null
    # Compose v1 (Python) drives podman through DOCKER_HOST; without recommends, which would add Docker's own engine.
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends docker-compose >/dev/null
    ;;
  env)
    write_configs
    print_env
    ;;
  start)
    write_configs
    eval "$(print_env)"
    if [ -S "$SOCK" ] && [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      echo "podman service already running (pid $(cat "$PIDFILE"))" >&2
      exit 0
    fi
    rm -f "$SOCK"
    # Close inherited descriptors first: under `flock /tmp/todo-podman.lock …` the long-lived service would
    # otherwise keep the lock's descriptor and hold the lock after the caller ended.
    (
      for fd in /proc/$BASHPID/fd/*; do
        fd="${fd##*/}"
        [ "$fd" -gt 2 ] && eval "exec $fd>&-"
      done
      exec nohup podman system service --time=0 "unix://$SOCK" >"$DIR/service.log" 2>&1
    ) &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 100); do
      if [ -S "$SOCK" ] && docker version >/dev/null 2>&1; then
        echo "podman Docker API at unix://$SOCK (pid $(cat "$PIDFILE"))" >&2
        exit 0
      fi
      sleep 0.1
    done
    echo "podman service did not come up; log:" >&2
    cat "$DIR/service.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$PIDFILE" ]; then
      pid="$(cat "$PIDFILE")"
      if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      fi
      rm -f "$PIDFILE" "$SOCK"
    fi
    # containers/storage bind-mounts its overlay dir onto itself; release it (fails harmlessly while containers run).
    if mountpoint -q "$DIR/storage/overlay" 2>/dev/null; then umount "$DIR/storage/overlay" 2>/dev/null || true; fi
    ;;
  *)
    echo "usage: $0 install|env|start|stop" >&2
    exit 2
    ;;
esac
