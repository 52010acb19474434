# Sourced by .ci/run: a throwaway PostgreSQL 15 cluster on loopback for the `postgres` tests.
#
#   source .ci/postgres.sh && start_test_postgres   # sets SWITCHBOARD_TEST_POSTGRES
#
# The cluster lives in a fresh temporary directory owned by the `postgres` system user (the
# server refuses to run as root), listens on 127.0.0.1 only, on a non-default port, with
# trust authentication (loopback, test data only), and is stopped and deleted on exit.
# Installs the distribution's PostgreSQL where its binaries are missing.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg_as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@" # not root: the current user runs the server itself
  fi
}

stop_test_postgres() {
  if [ -n "${PG_TEST_DIR:-}" ] && [ -d "$PG_TEST_DIR/data" ]; then
    pg_as_postgres "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "${PG_TEST_DIR:-}" ]; then
    rm -rf "$PG_TEST_DIR"
  fi
}

start_test_postgres() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
      echo "PostgreSQL not found: installing it from the distribution's packages" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq postgresql-15 >/dev/null 2>&1 || apt-get install -y -qq postgresql >/dev/null
      found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    PG_BIN=$found
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
  PG_TEST_DIR=$(mktemp -d /tmp/switchboard-pg.XXXXXX)
  chmod 755 "$PG_TEST_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_TEST_DIR"; fi
  PG_TEST_PORT=${PG_TEST_PORT:-$((54000 + RANDOM % 900))}
  pg_as_postgres "$PG_BIN/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C >"$PG_TEST_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  trap stop_test_postgres EXIT
  # Sockets in the cluster's own directory; TCP on loopback only; room for four receivers,
  # four workers and the tests' own connections.
  pg_as_postgres "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_TEST_PORT -k $PG_TEST_DIR -c max_connections=200 -c fsync=on" \
    start >/dev/null || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  pg_as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_TEST_PORT" -U postgres switchboard_test
  export SWITCHBOARD_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_TEST_PORT/switchboard_test"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on $SWITCHBOARD_TEST_POSTGRES (data $PG_TEST_DIR)"
}
