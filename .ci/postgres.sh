#!/usr/bin/env bash
# Install Debian's PostgreSQL if missing, start a private throw-away cluster on localhost,
# and print the URL the backend tests use (export VEDETTE_TEST_POSTGRES=...).
set -euo pipefail
PORT="${VEDETTE_PG_PORT:-54329}"
DATA="${VEDETTE_PG_DATA:-/tmp/vedette-pg}"
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(bindir)" ]; then
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi
BIN="$(bindir)"

# The server refuses to run as root: run it as the postgres user when we are root.
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

if ! as_pg "$BIN/pg_ctl -D $DATA status" >/dev/null 2>&1; then
  rm -rf "$DATA"; mkdir -p "$DATA"
  [ "$(id -u)" -eq 0 ] && chown postgres "$DATA"
  as_pg "$BIN/initdb -D $DATA -U postgres --auth=trust -E UTF8" >/dev/null
  as_pg "$BIN/pg_ctl -D $DATA -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1' -l $DATA/log -w start" >/dev/null
fi
as_pg "$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -tc \"SELECT 1 FROM pg_database WHERE datname='vedette_test'\"" | grep -q 1 \
  || as_pg "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres vedette_test"
echo "postgresql://postgres@127.0.0.1:$PORT/vedette_test"
