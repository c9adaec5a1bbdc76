#!/usr/bin/env bash
# Builds a local stand-in for the official Postgres image when no image registry is reachable (CI, this machine):
# the host's PostgreSQL server binaries, the shared libraries they load, busybox for /bin/sh, and an entrypoint
# that behaves like the official image's for what compose.yaml uses:
#   - on first start with an empty $PGDATA (default /var/lib/postgresql/data): initdb with POSTGRES_USER
#     (default postgres) and POSTGRES_PASSWORD, scram-sha-256 for TCP clients, listen_addresses='*', then
#     CREATE DATABASE POSTGRES_DB (default: the user's name) on a socket-only temporary server;
#   - runs as root only to chown the data and socket dirs, then the server runs as `postgres` (uid/gid 70, as in
#     the Alpine image); `postgres -c …` / `-c …` arguments pass through, PGPORT is honoured;
#   - pg_isready and psql on PATH (healthchecks).
# Not covered: /docker-entrypoint-initdb.d scripts, POSTGRES_HOST_AUTH_METHOD, POSTGRES_INITDB_ARGS beyond
# being appended to initdb.
# Prints the image reference (default localhost/postgres-standin:<host major>).
# Needs: podman (CONTAINERS_CONF/CONTAINERS_STORAGE_CONF from podman.sh env), busybox (static), Debian's
# postgresql package, util-linux's setpriv.
set -euo pipefail

# The one Postgres major the chart, compose.yaml and the test databases use (chart-gen's tests check they agree).
PG_MAJOR="${PG_MAJOR:-15}"
[ -d "/usr/lib/postgresql/$PG_MAJOR" ] || { echo "no /usr/lib/postgresql/$PG_MAJOR: apt-get install postgresql-$PG_MAJOR" >&2; exit 1; }
IMAGE="${POSTGRES_IMAGE:-localhost/postgres-standin:$PG_MAJOR}"
PG_LIB="/usr/lib/postgresql/$PG_MAJOR"
PG_SHARE="/usr/share/postgresql/$PG_MAJOR"
SETPRIV="$(command -v setpriv)"
# shellcheck source=rootfs.sh
. "$(dirname "$0")/rootfs.sh"

reuse_image "$IMAGE" "${FORCE_POSTGRES_IMAGE:-0}"
make_root postgres-standin
mkdir -p "$root"/{bin,etc,tmp,lib64,usr/bin,usr/local/bin,var/lib/postgresql/data,var/run/postgresql} "$root$PG_LIB"/{bin,lib}
chmod 1777 "$root/tmp"

# Same paths as on the host: PostgreSQL finds its share dir and modules relative to its binaries.
for bin in postgres initdb pg_ctl pg_isready psql; do cp "$PG_LIB/bin/$bin" "$root$PG_LIB/bin/"; done
# Server modules without JIT (LLVM alone is ~100 MB) and without SELinux support.
find "$PG_LIB/lib" -maxdepth 1 -name '*.so' ! -name 'llvmjit*' ! -name sepgsql.so -exec cp {} "$root$PG_LIB/lib/" \;
mkdir -p "$root$(dirname "$PG_SHARE")" "$root/usr/share" "$root/usr/lib/locale"
cp -a "$PG_SHARE" "$root$PG_SHARE"
cp -a /usr/share/zoneinfo "$root/usr/share/zoneinfo" # Debian builds PostgreSQL with the system tzdata
cp -a /usr/lib/locale/C.utf8 "$root/usr/lib/locale/C.utf8"
cp "$SETPRIV" "$root/bin/setpriv"

copy_libs_of "$root$PG_LIB"/bin/* "$root$PG_LIB"/lib/*.so "$root/bin/setpriv"
install_busybox

cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
postgres:x:70:70:PostgreSQL:/var/lib/postgresql:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
postgres:x:70:
nogroup:x:65534:
GROUP
echo 'hosts: files dns' >"$root/etc/nsswitch.conf"
chown -R 70:70 "$root/var/lib/postgresql" "$root/var/run/postgresql"
chmod 700 "$root/var/lib/postgresql/data"
chmod 3777 "$root/var/run/postgresql"

# initdb imports the system collations from `locale -a`; the image has C.UTF-8 only.
printf '#!/bin/sh\nprintf "C\\nC.utf8\\nPOSIX\\n"\n' >"$root/usr/bin/locale"
chmod 755 "$root/usr/bin/locale"

cat >"$root/usr/local/bin/docker-entrypoint.sh" <<'ENTRYPOINT'
#!/bin/sh
# Stand-in for the official image's entrypoint (see scripts/containers/postgres-image.sh).
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA
if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  # util-linux setpriv, by path: busybox sh would run its own setpriv applet, which cannot change uid
  exec /bin/setpriv --reuid=70 --regid=70 --clear-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo 'Error: Database is uninitialized and superuser password is not specified (POSTGRES_PASSWORD).' >&2
    exit 1
  fi
  user="${POSTGRES_USER:-postgres}"
  db="${POSTGRES_DB:-$user}"
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of arguments, as in the official image
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  echo 'host all all all scram-sha-256' >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  if [ "$db" != postgres ]; then
    # Socket-only temporary server, so no TCP client sees the database before it is complete.
    pg_ctl -D "$PGDATA" -o "-c listen_addresses= -p ${PGPORT:-5432}" -w -s start
    psql -q -v ON_ERROR_STOP=1 --username="$user" --dbname=postgres -c "CREATE DATABASE \"$db\"" >/dev/null
    pg_ctl -D "$PGDATA" -m fast -w -s stop
  fi
  echo "PostgreSQL init process complete; ready for start up."
fi
exec "$@"
ENTRYPOINT
chmod 755 "$root/usr/local/bin/docker-entrypoint.sh"

tar -C "$root" -c . | podman import \
  --change "ENV PATH=/usr/local/bin:$PG_LIB/bin:/usr/bin:/bin" \
  --change "ENV PG_MAJOR=$PG_MAJOR" \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'VOLUME /var/lib/postgresql/data' \
  --change 'STOPSIGNAL SIGINT' \
  --change 'EXPOSE 5432' \
  --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
  --change 'CMD ["postgres"]' \
  - "$IMAGE" >/dev/null
echo "$IMAGE"
