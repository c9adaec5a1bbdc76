#!/usr/bin/env bash
# Builds a local stand-in for the official Node image when no image registry is reachable (CI, this machine):
# the host's node + npm, the shared libraries they (and Next's SWC binary) load, busybox for /bin/sh and
# coreutils, and the host CA bundle. Prints the image reference (default localhost/node-base:<node major>).
#
# The CA settings are baked in here as ENV because the npm registry is reached through a proxy whose CA is only
# in the host bundle; the published Dockerfiles never carry them.
# Needs: podman (CONTAINERS_CONF/CONTAINERS_STORAGE_CONF from podman.sh env), busybox (static), node, npm.
set -euo pipefail

NODE_BIN="$(command -v node)"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
IMAGE="${BASE_IMAGE:-localhost/node-base:$NODE_MAJOR}"
CA_BUNDLE="${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
NPM_DIR="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" # …/node_modules/npm
# shellcheck source=rootfs.sh
. "$(dirname "$0")/rootfs.sh"

reuse_image "$IMAGE" "${FORCE_BASE:-0}"
make_root node-base

mkdir -p "$root"/{bin,etc/ssl/certs,tmp,root,usr/local/bin,usr/local/lib/node_modules,lib64,home}
chmod 1777 "$root/tmp"

cp "$NODE_BIN" "$root/usr/local/bin/node"
cp -a "$NPM_DIR" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

# Shared libraries node links against, plus those glibc-linked native addons commonly dlopen (SWC, pg-native…).
copy_libs_of "$NODE_BIN"
libdir="$(dirname "$(ldd "$NODE_BIN" | awk '/libc.so/{print $3}')")"
for extra in librt.so.1 libresolv.so.2 libnss_files.so.2 libnss_dns.so.2 libutil.so.1 libz.so.1; do
  copy_lib "$libdir/$extra"
done

# busybox provides sh, id, env, cp… (RUN steps and the smoke test's `id -u`).
install_busybox
# Scripts' `#!/usr/bin/env node` shebangs (npm, pnpm, turbo) need env at that path.
mkdir -p "$root/usr/bin"
ln -s ../../bin/busybox "$root/usr/bin/env"

cp "$CA_BUNDLE" "$root/etc/ssl/certs/ca-certificates.crt"
cat >"$root/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/bin/sh
node:x:1000:1000::/home/node:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat >"$root/etc/group" <<GROUP
root:x:0:
node:x:1000:
nogroup:x:65534:
GROUP
echo 'hosts: files dns' >"$root/etc/nsswitch.conf"
mkdir -p "$root/home/node"

tar -C "$root" -c . | podman import \
  --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$(node -p process.versions.node)" \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'ENV npm_config_cafile=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' \
  - "$IMAGE" >/dev/null
echo "$IMAGE"
