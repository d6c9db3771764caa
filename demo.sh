#!/usr/bin/env bash
# One-command demo: builds the two Quarkus services (gateway, model-service), starts both (the gateway starts the
# embedded Scouter dev server, with its trace page, on port 8000), prints the trace page and a curl to try, and stops
# both on Ctrl-C.
# Needs only a JDK 17+. Ports: GATEWAY_PORT (8080), MODEL_SERVICE_PORT (8082), DEV_SERVER_PORT (8000).
set -euo pipefail
cd "$(dirname "$0")"
GATEWAY_PORT=${GATEWAY_PORT:-8080}
MODEL_SERVICE_PORT=${MODEL_SERVICE_PORT:-8082}
DEV_SERVER_PORT=${DEV_SERVER_PORT:-8000}
export GATEWAY_PORT MODEL_SERVICE_PORT DEV_SERVER_PORT
export MODEL_SERVICE_URL=${MODEL_SERVICE_URL:-http://localhost:$MODEL_SERVICE_PORT}
export SCOUTER_SERVER_URI=${SCOUTER_SERVER_URI:-http://localhost:$DEV_SERVER_PORT}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -ntp -q -pl quarkus-demo/model-service,quarkus-demo/gateway -am install -DskipTests
fi

logs=quarkus-demo/target/logs
mkdir -p "$logs"
pids=()
stop() {
  trap - INT TERM EXIT
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  echo "demo stopped"
}
trap stop INT TERM EXIT

java -jar quarkus-demo/model-service/target/quarkus-app/quarkus-run.jar >"$logs/model-service.log" 2>&1 &
pids+=($!)
java -jar quarkus-demo/gateway/target/quarkus-app/quarkus-run.jar >"$logs/gateway.log" 2>&1 &
pids+=($!)

wait_for() {   # url name [any: any HTTP status will do]
  for _ in $(seq 1 120); do
    if [ "${3:-}" = any ]; then
      if curl -sS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    elif curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    for p in "${pids[@]}"; do
      kill -0 "$p" 2>/dev/null || { echo "$2 exited; see $logs/" >&2; exit 1; }
    done
    sleep 0.5
  done
  echo "$2 did not answer within 60 s; see $logs/" >&2
  exit 1
}
wait_for "http://localhost:$MODEL_SERVICE_PORT/model/health" model-service
wait_for "http://localhost:$GATEWAY_PORT/" gateway any

cat <<MSG

  Scouter demo is running (logs in $logs/)
    trace page:  $SCOUTER_SERVER_URI/   (the dev server's)
    try:         curl 'http://localhost:$GATEWAY_PORT/predict?text=I%20love%20good%20tracing'
    an error:    curl 'http://localhost:$GATEWAY_PORT/predict?text=fail'
    raw JSON:    curl $SCOUTER_SERVER_URI/scouter/dev/traces
  Ctrl-C stops both services.

MSG
if [ -n "${DEMO_EXIT_AFTER_START:-}" ]; then exit 0; fi
wait
