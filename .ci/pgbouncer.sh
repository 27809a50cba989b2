#!/usr/bin/env bash
# PgBouncer in transaction mode on 127.0.0.1 in front of the throwaway PostgreSQL (.ci/postgres.sh):
# Debian's pgbouncer, installed when absent, run as the same unprivileged user as PostgreSQL.
# Usage (after pg_start): source .ci/pgbouncer.sh; pgbouncer_start <dir> <postgres port> <port>; …; pgbouncer_stop
set -euo pipefail

PGB_DIR=""

pgbouncer_start() {
  local dir=$1 pg_port=$2 port=$3
  if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
    echo "pgbouncer not found: installing Debian's pgbouncer" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi
    $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq pgbouncer >&2
  fi
  local bin
  bin=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
  PGB_DIR=$dir
  mkdir -p "$dir"
  printf '"retrofun" "retrofun"\n' > "$dir/userlist.txt"
  cat > "$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$pg_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 40
; pg sends these at connect; PgBouncer cannot keep per-client session settings in transaction mode.
ignore_startup_parameters = extra_float_digits,statement_timeout,options
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
admin_users = retrofun
INI
  # PgBouncer refuses to run as root: the PostgreSQL cluster's account runs it.
  if [ "$(id -u)" = 0 ]; then
    local user=${PG_RUN_AS:-postgres}
    chown -R "$user" "$dir"
    runuser -u "$user" -- "$bin" -d "$dir/pgbouncer.ini"
  else
    "$bin" -d "$dir/pgbouncer.ini"
  fi
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$dir/pgbouncer.log" >&2
  return 1
}

pgbouncer_stop() {
  [ -n "$PGB_DIR" ] && [ -f "$PGB_DIR/pgbouncer.pid" ] && kill "$(cat "$PGB_DIR/pgbouncer.pid")" 2>/dev/null || true
}
