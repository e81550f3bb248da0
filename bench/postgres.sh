#!/usr/bin/env bash
# A PostgreSQL for the full-size bench (bench/README.md), set up like a small production server:
# durable (fsync and synchronous_commit on, unlike the tests' throwaway server), shared buffers and
# work memory sized for a 2-core machine, a WAL that stays small (the full database is ~60 GB and
# the disk holds ~100; at 16 GB the WAL's recycled segments crowded out the index builds), and no replication
# (wal_level minimal). The cluster stays in DIR
# between runs (a seeded million-family database takes an hour to make).
#
#   bench/postgres.sh start DIR [PORT]   creates the cluster on first use, starts it, prints its URL
#   bench/postgres.sh stop DIR           stops it (the data stays; rm -rf DIR to drop it)
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n $bin && -x $bin/postgres ]] || { echo "bench/postgres.sh: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
  if [[ $EUID -eq 0 ]]; then (cd "$DIR" && runuser -u postgres -- "$@"); else (cd "$DIR" && "$@"); fi
}

SETTINGS=(
  -c listen_addresses=127.0.0.1
  -c shared_buffers=512MB
  -c work_mem=16MB
  -c maintenance_work_mem=1GB
  -c max_wal_size=2GB
  -c checkpoint_timeout=30min
  -c max_connections=100
  # No replication here: the bulk load into freshly truncated tables then skips the WAL (sink.ts).
  -c wal_level=minimal
  -c max_wal_senders=0
)

case ${1:-} in
  start)
    DIR=$(realpath -m "${2:?usage: $0 start DIR [PORT]}")
    PORT=${3:-54329}
    mkdir -p "$DIR"
    [[ $EUID -eq 0 ]] && chown postgres: "$DIR"
    chmod 700 "$DIR"
    if [[ ! -f $DIR/data/PG_VERSION ]]; then
      as_pg "$bin/initdb" -D "$DIR/data" -E UTF8 --locale=C.UTF-8 -U postgres --auth=trust >"$DIR/initdb.log"
    fi
    as_pg "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 120 -o "-k $DIR -p $PORT ${SETTINGS[*]}" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    DIR=$(realpath -m "${2:?usage: $0 stop DIR}")
    as_pg "$bin/pg_ctl" -D "$DIR/data" -m fast -w -t 600 stop
    ;;
  *)
    echo "usage: $0 start DIR [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
