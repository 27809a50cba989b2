#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 as an unprivileged user.
# Usage: source .ci/postgres.sh; pg_start <dir> <port>; ...; pg_stop
# Exports DATABASE_URL_PG (superuser "retrofun", password "retrofun", database "retrofun").
set -euo pipefail
# runuser lives in sbin, which a minimal PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

pg_bindir() {
  local dir=""
  if command -v pg_config >/dev/null 2>&1; then dir=$(pg_config --bindir 2>/dev/null || true); fi
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "PostgreSQL server not found: installing Debian's postgresql" >&2
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    else
      sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

PG_RUN_AS=""
PG_DATA=""
PG_BIN=""
PG_OPTS=""
PG_LOG=""

pg_as() {
  if [ -n "$PG_RUN_AS" ]; then runuser -u "$PG_RUN_AS" -- "$@"; else "$@"; fi
}

pg_start() {
  local dir=$1 port=$2
  PG_BIN=$(pg_bindir)
  mkdir -p "$dir"
  PG_DATA="$dir/data"
  # PostgreSQL refuses to run as root: hand the cluster to the postgres (or nobody) account.
  if [ "$(id -u)" = 0 ]; then
    if id postgres >/dev/null 2>&1; then PG_RUN_AS=postgres; else PG_RUN_AS=nobody; fi
    chown -R "$PG_RUN_AS" "$dir"
    chmod 755 "$dir"
  fi
  local pwfile="$dir/pwfile"
  echo retrofun > "$pwfile"
  [ -n "$PG_RUN_AS" ] && chown "$PG_RUN_AS" "$pwfile"
  pg_as "$PG_BIN/initdb" -D "$PG_DATA" -U retrofun --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  PG_OPTS="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c wal_keep_size=1GB"
  PG_LOG="$dir/server.log"
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -o "$PG_OPTS" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  PGPASSWORD=retrofun "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U retrofun -d postgres -qc "create database retrofun" >/dev/null
  export DATABASE_URL_PG="postgresql://retrofun:retrofun@127.0.0.1:$port/retrofun"
}

# Shell commands that stop and start the running cluster again (for fault tests).
pg_stop_command() { echo "${PG_RUN_AS:+runuser -u $PG_RUN_AS -- }$PG_BIN/pg_ctl -D $PG_DATA -m fast -w stop"; }
pg_start_command() { echo "${PG_RUN_AS:+runuser -u $PG_RUN_AS -- }$PG_BIN/pg_ctl -D $PG_DATA -l $PG_LOG -w -t 60 -o '$PG_OPTS' start"; }

# A streaming replica of the running cluster (pg_basebackup -R: a standby that follows it), on
# 127.0.0.1:<port>. Exports DATABASE_URL_REPLICA (database "postgres"; every database is replicated).
PG_REPLICA_DATA=""
PG_REPLICA_OPTS=""
PG_REPLICA_LOG=""
pg_replica_start() {
  local dir=$1 port=$2 primary_port=$3
  mkdir -p "$dir"
  if [ -n "$PG_RUN_AS" ]; then chown "$PG_RUN_AS" "$dir"; chmod 755 "$dir"; fi
  PG_REPLICA_DATA="$dir/data"
  PGPASSWORD=retrofun pg_as "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U retrofun -D "$PG_REPLICA_DATA" -R -X stream -c fast
  chmod 700 "$PG_REPLICA_DATA"
  # A hot standby needs at least the primary's max_connections.
  PG_REPLICA_OPTS="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200"
  PG_REPLICA_LOG="$dir/server.log"
  pg_as "$PG_BIN/pg_ctl" -D "$PG_REPLICA_DATA" -l "$PG_REPLICA_LOG" -w -t 60 -o "$PG_REPLICA_OPTS" start >/dev/null \
    || { cat "$PG_REPLICA_LOG" >&2; return 1; }
  export DATABASE_URL_REPLICA="postgresql://retrofun:retrofun@127.0.0.1:$port/postgres"
}
pg_replica_stop_command() { echo "${PG_RUN_AS:+runuser -u $PG_RUN_AS -- }$PG_BIN/pg_ctl -D $PG_REPLICA_DATA -m fast -w stop"; }
pg_replica_start_command() { echo "${PG_RUN_AS:+runuser -u $PG_RUN_AS -- }$PG_BIN/pg_ctl -D $PG_REPLICA_DATA -l $PG_REPLICA_LOG -w -t 60 -o '$PG_REPLICA_OPTS' start"; }
pg_replica_stop() {
  if [ -n "$PG_REPLICA_DATA" ] && [ -d "$PG_REPLICA_DATA" ]; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_REPLICA_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

pg_stop() {
  if [ -n "$PG_DATA" ] && [ -d "$PG_DATA" ]; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
