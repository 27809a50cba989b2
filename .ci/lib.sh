#!/usr/bin/env bash
# Helpers for .ci/run.

# gql PORT JSON-BODY [TOKEN]: POSTs to the service on 127.0.0.1:PORT, prints the answer.
gql() {
  local port=$1 body=$2 token=${3:-}
  curl -sS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' ${token:+-H "authorization: Bearer $token"} -d "$body"
}

# serve_and_query LABEL LOG PORT [--admin] -- COMMAND…
# Starts COMMAND (npm start) in the background with PORT and HOST set, waits until it answers a
# products query (60 s at most), with --admin also signs in as ops.admin and creates an account,
# then sends SIGTERM to COMMAND itself and requires exit 0, the service's "stopped" line and a
# free port. Prints the log when anything is off.
serve_and_query() {
  local label=$1 log=$2 port=$3; shift 3
  local admin=""
  if [ "${1:-}" = "--admin" ]; then admin=1; shift; fi
  [ "${1:-}" = "--" ] && shift
  PORT=$port HOST=127.0.0.1 "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  local answer="" started=$SECONDS
  while [ $((SECONDS - started)) -lt 60 ]; do
    answer=$(gql "$port" '{"query":"{ products(first: 5) { totalCount nodes { name manufacturer { name } } } }"}' 2>/dev/null || true)
    [ -n "$answer" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.3
  done
  echo "$label: $answer"
  local ok=1
  node -e '
    const r = JSON.parse(process.argv[1] || "{}");
    const p = r.data && r.data.products;
    if (!p || p.nodes.length !== Math.min(5, p.totalCount) || !p.nodes.every((n) => n.manufacturer.name)) process.exit(1);
    if (process.argv[2] && p.totalCount !== 0) process.exit(1);
  ' "$answer" "${EXPECT_EMPTY:-}" || ok=0
  if [ "$ok" = 1 ] && [ -n "$admin" ]; then
    local login token created
    login=$(gql "$port" '{"query":"mutation { login(input: { name: \"ops.admin\", password: \"first admin password\" }) { token user { name role } } }"}')
    token=$(node -e 'const r = JSON.parse(process.argv[1]); process.stdout.write((r.data && r.data.login.user.role === "ADMIN" && r.data.login.token) || "")' "$login")
    created=$(gql "$port" '{"query":"mutation { createUser(input: { name: \"clerk\", password: \"clerk password 1\", role: EDITOR }) { user { name role } } }"}' "$token")
    echo "$label: admin signed in: ${token:+yes}; $created"
    # The data exactly; extensions may follow (PostgreSQL's mutations carry a consistency token).
    [ -n "$token" ] && [[ "$created" == '{"data":{"createUser":{"user":{"name":"clerk","role":"EDITOR"}}}'[,}]* ]] || ok=0
  fi
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  local rc=0
  wait "$SERVER_PID" || rc=$?
  SERVER_PID=""
  grep -q '"msg":"stopped"' "$log" || ok=0
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then echo "$label: still answering after SIGTERM" >&2; ok=0; fi
  echo "$label: exit code after SIGTERM: $rc"
  if [ "$ok" != 1 ] || [ "$rc" != 0 ]; then
    echo "--- $log"; cat "$log"
    return 1
  fi
}

# serve_playground LOG PORT -- COMMAND…
# Starts COMMAND (npm start with PLAYGROUND=true) and requires the playground page at /graphql and
# its main script, brotli-compressed and plain, then SIGTERM and exit 0. Prints the log when anything is off.
serve_playground() {
  local log=$1 port=$2; shift 2
  [ "${1:-}" = "--" ] && shift
  PORT=$port HOST=127.0.0.1 "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  local started=$SECONDS ok=0 page br plain
  while [ $((SECONDS - started)) -lt 60 ] && kill -0 "$SERVER_PID" 2>/dev/null; do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break
    sleep 0.3
  done
  page=$(curl -s -H 'accept: text/html' "http://127.0.0.1:$port/graphql" || true)
  br=$(curl -s -o /dev/null -w '%{http_code} %{content_type} %header{content-encoding}' -H 'accept-encoding: br' "http://127.0.0.1:$port/playground/ruru.js" || true)
  plain=$(curl -s -o /dev/null -w '%{http_code} %{content_type} %{size_download}' "http://127.0.0.1:$port/playground/ruru.js" || true)
  echo "playground: page $(printf '%s' "$page" | wc -c) bytes; ruru.js with br: $br; plain: $plain"
  [[ "$page" == *'/playground/ruru.js'* && "$br" == '200 text/javascript; charset=utf-8 br' && "$plain" == '200 text/javascript; charset=utf-8 '* ]] && ok=1
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  local rc=0
  wait "$SERVER_PID" || rc=$?
  SERVER_PID=""
  if [ "$ok" != 1 ] || [ "$rc" != 0 ]; then
    echo "--- $log"; cat "$log"
    return 1
  fi
}
