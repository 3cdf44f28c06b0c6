#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (issue 17): initdb into DIR, listening only on a unix socket in DIR
# (no TCP), trust authentication for the local user. Prints the connection string for SJ_TEST_PG.
#   build/pg-test-cluster.sh start DIR    → postgresql://sj@/postgres?host=DIR
#   build/pg-test-cluster.sh stop DIR
# PostgreSQL refuses to run as root: under root the cluster belongs to the `postgres` system user (Debian's package
# creates it) and DIR is handed to that user.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?cluster folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg-test-cluster: PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 1; }
as=()
if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ ${#as[@]} -gt 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      # C.UTF-8: text sorts by code point, as SQLite's BINARY collation does, and lower() still knows Cyrillic.
      "${as[@]}" "$bin/initdb" -D "$dir/data" -U sj --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -h '' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    echo "postgresql://sj@/postgres?host=$dir"
    ;;
  stop) "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ;;
  *) echo "pg-test-cluster: start|stop" >&2; exit 2 ;;
esac
