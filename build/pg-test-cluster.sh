#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (issue 17): initdb into DIR, listening only on a unix socket in DIR
# (no TCP), trust authentication for the local user. Prints the connection string for SJ_TEST_PG.
#   build/pg-test-cluster.sh start DIR    → postgresql://sj@/postgres?host=DIR
#   build/pg-test-cluster.sh stop DIR
#   build/pg-test-cluster.sh start-tls DIR PORT → postgresql://sj@localhost:PORT/postgres, TLS only (hostssl), its
#     server certificate for «localhost» signed by a throwaway CA in DIR/root.crt (DIR/other-root.crt: an unrelated CA)
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
  start-tls)
    port=${3:?port}
    mkdir -p "$dir"
    ca() { openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$2" -keyout "$dir/$1.key" -out "$dir/$1.crt" 2>/dev/null; }
    ca root 'sj test CA'
    ca other-root 'sj other CA'
    openssl req -newkey rsa:2048 -nodes -subj '/CN=localhost' -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost\n' >"$dir/san.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/root.crt" -CAkey "$dir/root.key" -CAcreateserial -days 2 \
      -extfile "$dir/san.ext" -out "$dir/server.crt" 2>/dev/null
    chmod 600 "$dir/server.key"
    [ ${#as[@]} -gt 0 ] && chown -R postgres "$dir"
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U sj --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    printf 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n' >"$dir/data/pg_hba.conf"
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -h 127.0.0.1 -p $port -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key -c fsync=off" start >/dev/null
    echo "postgresql://sj@localhost:$port/postgres"
    ;;
  stop) "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ;;
  *) echo "pg-test-cluster: start|start-tls|stop" >&2; exit 2 ;;
esac
