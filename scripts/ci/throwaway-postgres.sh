#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests (ARCHITECTURE.md "Engines and scale").
#
#   scripts/ci/throwaway-postgres.sh start [OWNER_PID]   prints DIR, PORT and URL as shell assignments
#   scripts/ci/throwaway-postgres.sh stop DIR            stops the server and removes DIR
#
# The cluster lives in a fresh temporary directory owned by `postgres` (PostgreSQL refuses to run
# as root, hence runuser), listens on 127.0.0.1 only, on a free port, with trust authentication
# and fsync off (the data is thrown away). DIR/owner.pid names the process that owns the server
# (the caller's shell by default): servers left behind by an owner that was killed before it could
# clean up are stopped and removed by the next `start`.
set -euo pipefail

PREFIX=sila-pg-ci.
TMP_ROOT=${TMPDIR:-/tmp}

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z $dir || ! -x $dir/postgres ]]; then
    echo "throwaway-postgres: no PostgreSQL server under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
    return 1
  fi
  echo "$dir"
}

# Runs a PostgreSQL tool as `postgres` when we are root, as ourselves otherwise; from DIR, so the
# tool never trips over a working directory it may not read.
as_pg() {
  local dir=$1
  shift
  if [[ $EUID -eq 0 ]]; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

free_port() {
  node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

stop_server() {
  local dir=$1 bin
  [[ -d $dir ]] || return 0
  bin=$(pg_bin_dir) || bin=
  if [[ -n $bin && -f $dir/data/postmaster.pid ]]; then
    as_pg "$dir" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  # A server that would not stop (or whose pg_ctl is gone): end that one process by its pid.
  if [[ -f $dir/data/postmaster.pid ]]; then
    local pid
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      kill -QUIT "$pid" 2>/dev/null || true
      sleep 1
    fi
  fi
  rm -rf -- "$dir"
}

reap_orphans() {
  local dir owner
  for dir in "$TMP_ROOT"/"$PREFIX"*; do
    [[ -d $dir ]] || continue
    owner=$(cat "$dir/owner.pid" 2>/dev/null || true)
    if [[ $owner =~ ^[0-9]+$ ]] && kill -0 "$owner" 2>/dev/null; then
      continue # its owner still runs (another test run): leave it alone
    fi
    echo "throwaway-postgres: removing $dir, left behind by an earlier run" >&2
    stop_server "$dir"
  done
}

start() {
  local owner=${1:-$PPID} bin dir port attempt
  bin=$(pg_bin_dir)
  reap_orphans
  dir=$(mktemp -d "$TMP_ROOT/${PREFIX}XXXXXX")
  echo "$owner" >"$dir/owner.pid"
  if [[ $EUID -eq 0 ]]; then
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"
  if ! as_pg "$dir" "$bin/initdb" -D "$dir/data" -E UTF8 --locale=C.UTF-8 -U postgres --auth=trust >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    stop_server "$dir"
    return 1
  fi
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_pg "$dir" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses=127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      echo "PG_DIR=$dir"
      echo "PG_PORT=$port"
      echo "PG_URL=postgres://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
    echo "throwaway-postgres: could not start on port $port (attempt $attempt)" >&2
  done
  tail -n 30 "$dir/server.log" >&2 || true
  stop_server "$dir"
  return 1
}

case ${1:-} in
  start) start "${2:-}" ;;
  stop)
    [[ -n ${2:-} ]] || { echo "usage: $0 stop DIR" >&2; exit 2; }
    stop_server "$2"
    ;;
  *)
    echo "usage: $0 start [OWNER_PID] | stop DIR" >&2
    exit 2
    ;;
esac
