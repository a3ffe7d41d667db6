#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: Debian's postgresql binaries, a data folder in
# DIR owned by the postgres user, listening on a Unix socket in DIR only, on a free port.
#   ci/postgres-cluster.sh start DIR   # writes DIR/url: postgresql://postgres@/benchctl?host=DIR&port=N
#   ci/postgres-cluster.sh stop DIR    # stops the server and removes DIR
#   ci/postgres-cluster.sh halt DIR    # stops the server, keeps its data (tests of a lost server)
#   ci/postgres-cluster.sh resume DIR  # starts a halted server again on its port
# `start` stops a cluster an earlier start left in DIR first.
set -euo pipefail
action=${1:?usage: postgres-cluster.sh start|stop|halt|resume DIR}
dir=${2:?usage: postgres-cluster.sh start|stop|halt|resume DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x "$bin/pg_ctl" ]] || { echo "postgres-cluster: no PostgreSQL server (ci/install-deps.sh installs postgresql)" >&2; exit 1; }

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop() {
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case $action in
  start)
    stop
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    for port in $(shuf -i 20000-60000 -n 20); do
      if as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
           -o "-k $dir -p $port -c listen_addresses='' -c fsync=off" >/dev/null 2>&1; then
        as_postgres "$bin/createdb" -h "$dir" -p "$port" -U postgres benchctl
        echo "postgresql://postgres@/benchctl?host=$dir&port=$port" >"$dir/url"
        exit 0
      fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
  stop)
    stop
    ;;
  halt)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  resume)
    port=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' "$dir/url")
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-k $dir -p $port -c listen_addresses='' -c fsync=off" >/dev/null
    ;;
  *)
    echo "usage: postgres-cluster.sh start|stop|halt|resume DIR" >&2
    exit 2
    ;;
esac
