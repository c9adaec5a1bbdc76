# Shared by base-image.sh and postgres-image.sh, which assemble a root filesystem from host files and
# `podman import` it as a local image (no image registry is reachable here). Source after `set -euo pipefail`.

# Prints IMAGE and exits the script when it exists already, unless the second argument is 1 (force a rebuild).
reuse_image() {
  if [ "${2:-0}" != 1 ] && podman image exists "$1"; then
    echo "$1"
    exit 0
  fi
}

# Sets $root to a fresh temporary directory named after $1, removed when the script exits.
make_root() {
  root="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  trap 'rm -rf "$root"' EXIT
}

# Copies a host library into $root at the same path (links resolved); missing or already copied ones are skipped.
copy_lib() {
  local src="$1"
  [ -e "$src" ] && [ ! -e "$root$src" ] || return 0
  mkdir -p "$root$(dirname "$src")"
  cp -L "$src" "$root$src"
}

# Copies the shared libraries each given file links against (as ldd resolves them on the host).
copy_libs_of() {
  local file lib
  for file in "$@"; do
    for lib in $(ldd "$file" 2>/dev/null | awk '/=> \//{print $3} /^\s*\/lib/{print $1}'); do copy_lib "$lib"; done
  done
}

# busybox as /bin/busybox plus a link for each applet not already in /bin (sh, id, env, cp…).
install_busybox() {
  local busybox applet
  busybox="$(command -v busybox)"
  mkdir -p "$root/bin"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
}
