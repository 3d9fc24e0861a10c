#!/usr/bin/env bash
# Shared by run.sh and stop.sh: where things live and how processes are started and stopped.
# Sourced, never run; expects $root to be the repository root.

data_dir="${BUTLER_DATA_DIR:-$root/deploy/local/data}"
# pids and logs; a second stack on other ports needs its own (BUTLER_RUN_DIR) or it adopts the first
run_dir="${BUTLER_RUN_DIR:-$root/deploy/local/.run}"
mongo_port="${EMBEDDED_MONGO_PORT:-27017}"
prometheus_port="${PROMETHEUS_PORT:-9090}"
services=(seeder-service exporter-service benchmark-service pilot-service)

# --- capacity: the embedded MongoDB's memory and the seeding limits, set together ---------------
# Measured on this stack (docs/operations/local-stack.md, "Capacity"): with a 768 MB heap the
# embedded server held 210,030 documents (1.15 GB file) and took 70,010-document seedings, heap
# after collection at most 523 MB, 53 MB at rest; its memory no longer grows with the data
# (aggregations stream, the page cache is a sixteenth of the heap). What does grow with a request
# is a find: the server builds a query's whole answer before the first batch. The seeder's own
# queries answer with ids only; the limits below keep one seeding's plan and time bounded and the
# store within what was measured. Raise them only with the heap, and measure again.
embedded_mongo_heap="${EMBEDDED_MONGO_HEAP:-768m}"
max_stored_documents="${LOCAL_MAX_STORED_DOCUMENTS:-250000}"
max_documents_per_seeding="${LOCAL_MAX_DOCUMENTS_PER_SEEDING:-100000}"

service_port() {
  case "$1" in
    seeder-service) echo "${SEEDER_PORT:-8081}" ;;
    exporter-service) echo "${EXPORTER_PORT:-8082}" ;;
    benchmark-service) echo "${BENCHMARK_PORT:-8083}" ;;
    pilot-service) echo "${PILOT_PORT:-8084}" ;;
    *) echo "unknown service $1" >&2; return 1 ;;
  esac
}

embedded_mongo_jar() {
  local jars=("$root"/deploy/local/embedded-mongo/target/embedded-mongo-*.jar)
  echo "${jars[0]}"
}

require_java() {
  if ! command -v java >/dev/null; then
    echo "A JDK 17 or newer is required (Debian: apt-get install openjdk-17-jdk-headless)" >&2
    exit 1
  fi
}

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi
}

# Debian's prometheus (2.42, with promtool), jq and curl; installed once, only when missing.
ensure_debian_packages() {
  local missing=()
  command -v prometheus >/dev/null || missing+=(prometheus)
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  if ((${#missing[@]} > 0)); then
    echo "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # the package may start its own daemon on :9090; this stack runs its own instance
    if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
      as_root systemctl stop prometheus || true
    fi
  fi
}

# Builds when a runnable is missing or any source or pom is newer than the oldest runnable.
build_if_needed() {
  local runnables=("$root"/deploy/local/embedded-mongo/target/embedded-mongo-*.jar "$(token_tool_jar)")
  for service in "${services[@]}"; do
    runnables+=("$root/$service/target/quarkus-app/quarkus-run.jar")
  done
  local reason=""
  for jar in "${runnables[@]}"; do
    if [[ ! -f "$jar" ]]; then
      reason="$(basename "$(dirname "$jar")") not built yet"
      break
    fi
    if [[ -n "$(find "$root" \( -path "$root/.git" -o -name target -o -path "$data_dir" -o -path "$run_dir" \) -prune \
        -o \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$jar" -print -quit)" ]]; then
      reason="sources changed since the last build"
      break
    fi
  done
  if [[ -n "$reason" ]]; then
    echo "Building ($reason; the first build downloads dependencies and takes a few minutes)..."
    (cd "$root" && ./mvnw -B -q -DskipTests package)
  fi
}

# --- identities: a signing key pair created once, and signed tokens (docs/security.md) -----------
# The key pair stays with the data (private key readable by its owner only) and is never committed;
# tokens are minted anew at every start into files, and scripts send them with curl -H @file, so
# that no token appears on a command line (ps), in a terminal or in a CI log.
keys_dir="$data_dir/keys"
tokens_dir="$data_dir/tokens"
# The local people, NAME=ROLE: who may do what is the table in docs/security.md.
local_users=(operator=operator ml-engineer=ml_engineer ml-lead=ml_lead ops-owner=operations_owner viewer=viewer)
# The services that call others, each with its own token.
local_service_callers=(benchmark-service=service pilot-service=service)

token_tool_jar() {
  local jars=("$root"/token-tool/target/token-tool-*.jar)
  echo "${jars[0]}"
}

# Creates the key pair if it is missing and mints tokens: people for 12 hours, services for 7 days
# (a service reads its token file on every call, so a new one is used without a restart).
mint_local_tokens() {
  rm -f "$data_dir/auth-token" # the shared token of earlier versions: no longer accepted anywhere
  java -jar "$(token_tool_jar)" mint --keys "$keys_dir" --out-dir "$tokens_dir" --lifetime 12h \
    "${local_users[@]}" >/dev/null
  java -jar "$(token_tool_jar)" mint --keys "$keys_dir" --out-dir "$tokens_dir" --lifetime 7d \
    "${local_service_callers[@]}" >/dev/null
}

# identity_env SERVICE: what a service is started with to verify tokens (the local public key), to
# listen on 127.0.0.1 only, and, if it calls other services, to present its own token.
identity_env() {
  echo MP_JWT_VERIFY_PUBLICKEY_LOCATION="$keys_dir/public-key.pem" QUARKUS_HTTP_HOST=127.0.0.1
  if [[ -f "$tokens_dir/$1.token" ]]; then
    echo BUTLER_SERVICE_TOKEN_FILE="$tokens_dir/$1.token"
  fi
}

# curl_as NAME CURL_ARGS...: curl with NAME's token, read from its header file.
curl_as() {
  local who="$1"
  shift
  curl -H "@$tokens_dir/$who.header" "$@"
}

port_open() {
  (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The pid of a process this stack started and that still runs, or nothing.
running_pid() {
  local pid_file="$run_dir/pids/$1.pid"
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null && grep -qa -- "$(cat "$run_dir/pids/$1.cmd")" "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"
  else
    rm -f "$pid_file"
    return 1
  fi
}

# start_process NAME PORT COMMAND...: starts COMMAND in the background unless this stack already runs it.
start_process() {
  local name="$1" port="$2"
  shift 2
  if pid="$(running_pid "$name")"; then
    echo "$name: already running (pid $pid)"
    return
  fi
  if port_open "$port"; then
    echo "$name: port $port is taken by a process this stack did not start; free it or change the port" >&2
    exit 1
  fi
  mkdir -p "$run_dir/pids" "$run_dir/logs"
  nohup setsid "$@" >>"$run_dir/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$run_dir/pids/$name.pid"
  # the last argument identifies the process in /proc/PID/cmdline, so a reused pid is never killed
  printf '%s' "${*: -1}" >"$run_dir/pids/$name.cmd"
  echo "$name: started (pid $!, log $run_dir/logs/$name.log)"
}

wait_for_port() {
  local name="$1" port="$2" seconds="$3"
  for ((i = 0; i < seconds * 4; i++)); do
    port_open "$port" && return 0
    sleep 0.25
  done
  echo "$name did not open port $port within ${seconds}s (log: $run_dir/logs/$name.log)" >&2
  exit 1
}

wait_for_ready() {
  local name="$1" url="$2" seconds="$3"
  for ((i = 0; i < seconds * 2; i++)); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" == 200 ]] && return 0
    sleep 0.5
  done
  return 1
}

write_prometheus_config() {
  local targets=""
  for service in "${services[@]}"; do
    targets+="'127.0.0.1:$(service_port "$service")', "
  done
  cat >"$run_dir/prometheus.yml" <<YAML
# generated by deploy/local/run.sh; the compose stack uses deploy/prometheus/prometheus.yml
global:
  scrape_interval: 5s
  evaluation_interval: 15s
rule_files:
  - $root/deploy/prometheus/alerts.yml
scrape_configs:
  - job_name: butler-bench
    metrics_path: /q/metrics
    static_configs:
      - targets: [${targets%, }]
YAML
}

prometheus_value() {
  curl -s --get "http://127.0.0.1:$prometheus_port/api/v1/query" --data-urlencode "query=$1" \
    | jq -r '.data.result[0].value[1] // "none"'
}

# prometheus_has QUERY SECONDS: waits for at least one series (the first scrape takes a few seconds).
prometheus_has() {
  local query="$1" seconds="$2"
  for ((i = 0; i < seconds; i++)); do
    local count
    count="$(curl -s --get "http://127.0.0.1:$prometheus_port/api/v1/query" --data-urlencode "query=$query" \
      | jq -r '.data.result | length' 2>/dev/null || echo 0)"
    [[ "$count" =~ ^[0-9]+$ ]] && ((count > 0)) && return 0
    sleep 1
  done
  return 1
}

# stop_processes SECONDS NAME...: SIGTERM to all at once, then SIGKILL to those still running after
# SECONDS, so a stop takes at most SECONDS whatever hangs. A service can hang on SIGTERM while
# MongoDB is down or frozen: Quarkus waits for a running request or scheduled job, and a MongoDB
# read without a read timeout waits for ever (docs/operations/local-stack.md, "Stop").
stop_processes() {
  local seconds="$1" name pid
  shift
  local -A pids=()
  for name in "$@"; do
    if pid="$(running_pid "$name")"; then
      pids[$name]="$pid"
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for ((i = 0; i < seconds * 4; i++)); do
    local alive=0
    for name in "${!pids[@]}"; do
      kill -0 "${pids[$name]}" 2>/dev/null && alive=1
    done
    ((alive)) || break
    sleep 0.25
  done
  for name in "${!pids[@]}"; do
    if kill -0 "${pids[$name]}" 2>/dev/null; then
      echo "$name did not stop within ${seconds}s of SIGTERM (waiting on MongoDB?); killing it" >&2
      kill -KILL "${pids[$name]}" 2>/dev/null || true
    fi
    rm -f "$run_dir/pids/$name.pid" "$run_dir/pids/$name.cmd"
    echo "$name: stopped"
  done
}

# stop_process NAME [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 20).
stop_process() {
  local name="$1" seconds="${2:-20}" pid
  if ! pid="$(running_pid "$name")"; then
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < seconds * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name did not stop within ${seconds}s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$run_dir/pids/$name.pid" "$run_dir/pids/$name.cmd"
  echo "$name: stopped"
}
