#!/usr/bin/env bash
# The check mode's LLM-judged runs against a fault-injecting OpenAI-compatible stub
# (llm-fault-stub.py), and a second benchmark-service instance that shares a run with the first.
# Sourced by run.sh, never run; expects lib.sh (tokens minted), pass and fail.

fault_stub_port="${FAULT_STUB_PORT:-8099}"
second_benchmark_port="${SECOND_BENCHMARK_PORT:-8093}"
# low on purpose, so that the peak the stub sees can be checked against it
llm_check_in_flight=4

# Settings for a benchmark-service that judges with the fault stub: tight limits, quick leases.
fault_stub_benchmark_env() {
  echo BENCHMARK_LLM_URL="http://127.0.0.1:$fault_stub_port" \
    LLM_MAX_IN_FLIGHT="$llm_check_in_flight" LLM_TIMEOUT_MILLIS=5000 \
    LLM_BACKOFF_MILLIS=100 BENCHMARK_CHUNK_SIZE=10 BENCHMARK_LEASE=6S \
    BENCHMARK_HEARTBEAT_INTERVAL=2s BENCHMARK_SWEEP_INTERVAL=1s
}

start_fault_stub() {
  start_process llm-fault-stub "$fault_stub_port" \
    python3 "$root/deploy/local/llm-fault-stub.py" "$fault_stub_port"
  wait_for_port llm-fault-stub "$fault_stub_port" 10
}

# Starts the scenario's LLM run on the instance at $1 and waits for its end; prints the run's JSON.
llm_run() {
  local benchmark="$1" body="$2" file="$run_dir/llm-check-run.json" run_id
  curl_as operator -sS -o "$file" -X POST "$benchmark/runs" \
    -H 'Content-Type: application/json' -d "$body"
  run_id="$(jq -r '.run_id // empty' "$file")"
  [[ -n "$run_id" ]] || { cat "$file" >&2; return 1; }
  for _ in $(seq 1 600); do
    curl_as operator -sS -o "$file" "$benchmark/runs/$run_id"
    [[ "$(jq -r .status "$file")" =~ ^(QUEUED|RUNNING)$ ]] || break
    sleep 0.5
  done
  cat "$file"
}

# Every stored result of a run, one JSON array, read page by page.
run_results() {
  local benchmark="$1" run_id="$2" offset=0 page
  while true; do
    page="$(curl_as operator -sS \
      "$benchmark/runs/$run_id/samples?offset=$offset&limit=1000")"
    [[ "$(jq length <<<"$page")" == 0 ]] && break
    echo "$page"
    offset=$((offset + 1000))
  done | jq -s 'add // []'
}

judge_calls_ok() {
  curl -sS "$1/q/metrics" | awk '/^benchmark_judge_calls_total\{.*judge="llm".*outcome="ok"/ {s += $2} END {print s + 0}'
}

check_llm_runs() {
  local first="http://127.0.0.1:$(service_port benchmark-service)"
  local second="http://127.0.0.1:$second_benchmark_port"
  local seed run results records errored scored peak

  # 1. a faulty endpoint: 429 with Retry-After, 500, a death mid-answer, slow, malformed, truncated
  seed="$(date +%s)"
  run="$(llm_run "$first" "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"seed\":$seed,\"concurrency\":8}")" ||
    { fail "the LLM-judged run against the fault stub was not accepted"; return; }
  records="$(jq .record_count <<<"$run")"
  results="$(run_results "$first" "$(jq -r .run_id <<<"$run")")"
  [[ "$(jq -r .status <<<"$run")" == COMPLETED ]] &&
    pass "LLM run against the fault stub completed: $(jq -r '"\(.outcome): \(.reason)"' <<<"$run")" ||
    fail "LLM run against the fault stub ended $(jq -r '"\(.status): \(.reason)"' <<<"$run")"
  [[ "$(jq length <<<"$results")" == "$records" ]] &&
    pass "every one of the $records records has exactly one stored result" ||
    fail "$(jq length <<<"$results") results stored for $records records"
  errored="$(jq '[.[] | select(.status == "ERROR")] | length' <<<"$results")"
  scored="$(jq '[.[] | select(.status == "ERROR" and .scores != null)] | length' <<<"$results")"
  ((errored > 0 && scored == 0)) &&
    pass "the $errored samples the stub never answered properly are ERROR, none with a score" ||
    fail "$errored ERROR results, $scored of them with a score"
  peak="$(curl -sS "http://127.0.0.1:$fault_stub_port/stats" | jq .peak_in_flight)"
  ((peak >= 1 && peak <= llm_check_in_flight)) &&
    pass "the stub never had more than $peak calls in flight (limit $llm_check_in_flight)" ||
    fail "the stub saw $peak calls in flight at once, over the limit of $llm_check_in_flight"

  # 2. a second instance on another port joins a run of the first; no sample is judged twice
  start_process benchmark-service-2 "$second_benchmark_port" \
    env MONGODB_URL="$mongo_url" QUARKUS_HTTP_PORT="$second_benchmark_port" $(identity_env benchmark-service) \
    $(fault_stub_benchmark_env) java -Xmx256m -jar "$root/benchmark-service/target/quarkus-app/quarkus-run.jar"
  if ! wait_for_ready benchmark-service-2 "$second/q/health/ready" 120; then
    fail "the second benchmark-service did not get ready on :$second_benchmark_port"
    return
  fi
  local first_before second_before
  first_before="$(judge_calls_ok "$first")"
  second_before="$(judge_calls_ok "$second")"
  seed=$((seed + 1))
  run="$(llm_run "$first" "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"seed\":$seed,\"repeats\":3,\"concurrency\":4}")" ||
    { fail "the shared run was not accepted"; return; }
  local by_first=$(($(judge_calls_ok "$first") - first_before))
  local by_second=$(($(judge_calls_ok "$second") - second_before))
  local most
  most="$(curl -sS "http://127.0.0.1:$fault_stub_port/stats" | jq '.answers_per_request[0]')"
  [[ "$(jq -r .status <<<"$run")" == COMPLETED ]] && ((by_first > 0 && by_second > 0)) &&
    pass "a second instance on :$second_benchmark_port shared the run: $by_first judgements here, $by_second there" ||
    fail "the shared run ended $(jq -r .status <<<"$run"); judgements: $by_first by the first instance, $by_second by the second"
  ((most == 1)) && pass "no sample was judged twice (the stub answered each request body once)" ||
    fail "a request body was answered $most times: a sample was judged twice"

  # 3. kill -9 of the instance running a run: the other takes it over where its stored results end
  local twice_before twice_after pid
  twice_before="$(curl -sS "http://127.0.0.1:$fault_stub_port/stats" | jq .answered_more_than_once)"
  seed=$((seed + 1))
  curl_as operator -sS -o "$run_dir/llm-check-run.json" -X POST "$second/runs" \
    -H 'Content-Type: application/json' \
    -d "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"seed\":$seed,\"repeats\":3,\"concurrency\":4}"
  local run_id
  run_id="$(jq -r '.run_id // empty' "$run_dir/llm-check-run.json")"
  [[ -n "$run_id" ]] || { fail "the run on the second instance was not accepted"; return; }
  for _ in $(seq 1 120); do
    [[ "$(curl_as operator -sS "$second/runs/$run_id" | jq '.progress.done')" -ge 40 ]] && break
    sleep 0.25
  done
  pid="$(cat "$run_dir/pids/benchmark-service-2.pid")"
  kill -KILL "$pid"
  rm -f "$run_dir/pids/benchmark-service-2.pid" "$run_dir/pids/benchmark-service-2.cmd"
  for _ in $(seq 1 240); do
    run="$(curl_as operator -sS "$first/runs/$run_id")"
    [[ "$(jq -r .status <<<"$run")" =~ ^(QUEUED|RUNNING)$ ]] || break
    sleep 0.5
  done
  records="$(jq '.record_count * .repeats' <<<"$run")"
  twice_after="$(curl -sS "http://127.0.0.1:$fault_stub_port/stats" | jq .answered_more_than_once)"
  local again=$((twice_after - twice_before))
  [[ "$(jq -r .status <<<"$run")" == COMPLETED && "$(jq .progress.done <<<"$run")" == "$records" ]] &&
    pass "after a kill -9 of the instance running it, the run was taken over and completed: $(jq -r .outcome <<<"$run"), $records results" ||
    fail "after a kill -9 the run ended $(jq -r '"\(.status) \(.progress.done)/\(.progress.total): \(.reason)"' <<<"$run")"
  # in flight at the kill: at most 4 calls, plus results judged in the writer's last 20 ms
  ((again <= 2 * llm_check_in_flight)) &&
    pass "after the kill -9, $again sample(s) were judged again (at most what was in flight)" ||
    fail "after the kill -9, $again samples were judged again, more than were in flight"
}
