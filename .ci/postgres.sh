#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: Debian's postgresql, run as the `postgres` user
# (PostgreSQL refuses to run as root) in a temporary directory, listening on 127.0.0.1 only.
#
#   eval "$(.ci/postgres.sh start)"   # exports LINKPOS_TEST_DATABASE_URL and LINKPOS_PG_DIR
#   .ci/postgres.sh stop "$LINKPOS_PG_DIR"
#
# The cluster trusts local connections: it lives for one test run and holds nothing but test data.
set -euo pipefail

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { echo "postgresql is not installed (apt-get install postgresql)" >&2; exit 1; }
  echo "$dir"
}

as_postgres() {
  # From /: the postgres user may not enter the checkout's directory (a private temporary clone).
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "${1:-}" in
  start)
    bin=$(bindir)
    dir=$(mktemp -d /tmp/linkpos-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port=$(free_port)
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: a test cluster that dies is thrown away anyway, and 2-core CI machines are slow.
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "export LINKPOS_PG_DIR='$dir'"
    echo "export LINKPOS_TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/postgres'"
    ;;
  stop)
    dir="${2:?usage: postgres.sh stop DIR}"
    as_postgres "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
