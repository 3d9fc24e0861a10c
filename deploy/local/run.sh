#!/usr/bin/env bash
# One command to run the butler-bench pipeline on this machine.
#
#   deploy/local/run.sh            build if needed, start everything, run the pipeline (seed, export,
#                                  benchmark, pilot up to training),
#                                  leave it running
#   deploy/local/run.sh --check    the same, then verify every step (exit 1 on any failure)
#   deploy/local/stop.sh           stop what this script started; data stays
#
# Environment (all optional):
#   MONGODB_URL          use this MongoDB instead of the embedded wire-protocol server
#   (identities: a key pair created once in $BUTLER_DATA_DIR/keys, tokens minted at each start into
#    $BUTLER_DATA_DIR/tokens, one file per local user and calling service; docs/security.md)
#   BUTLER_DATA_DIR      data folder (default: deploy/local/data)
#   BUTLER_RUN_DIR       pids and logs (default: deploy/local/.run); give a second stack its own
#   EMBEDDED_MONGO_PORT  port of the embedded server (default 27017)
#   PROMETHEUS_PORT      port of the local Prometheus (default 9090)
#   SEEDER_PORT, EXPORTER_PORT, BENCHMARK_PORT, PILOT_PORT   the services (default 8081-8084)
#   EMBEDDED_MONGO_HEAP, LOCAL_MAX_STORED_DOCUMENTS, LOCAL_MAX_DOCUMENTS_PER_SEEDING
#                        the embedded MongoDB's heap and the seeding limits set with it (lib.sh)
#   LLM_URL              OpenAI-compatible endpoint: adds LLM-judged runs
#   FINE_TUNING_URL      OpenAI-compatible fine-tuning API: with LLM_URL, the pilot goes on to the decision
#
# Exits 1 when the stack did not come up or any step of the pipeline failed (each printed as FAIL).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=deploy/local/lib.sh
source "$here/lib.sh"
# shellcheck source=deploy/local/llm-check.sh
source "$here/llm-check.sh"

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

# --- 1. prerequisites and build -------------------------------------------------------------
require_java
ensure_debian_packages
build_if_needed

# --- 2. MongoDB ------------------------------------------------------------------------------
mkdir -p "$data_dir" "$run_dir/logs" "$run_dir/pids"
mint_local_tokens
if [[ -n "${MONGODB_URL:-}" ]]; then
  mongo_url="$MONGODB_URL"
  echo "MongoDB: using MONGODB_URL"
else
  mongo_url="mongodb://127.0.0.1:$mongo_port"
  # a small supervisor runs the server in a child JVM and starts it again if it dies (kill -9, out
  # of memory); the new server checks and repairs the file, which can take a minute for a large one
  start_process embedded-mongo "$mongo_port" \
    java -Xmx64m -jar "$(embedded_mongo_jar)" --supervise --heap "$embedded_mongo_heap" \
    "$mongo_port" "$data_dir/mongo/butler.mv"
  wait_for_port embedded-mongo "$mongo_port" 180
fi

# --- 3. the four services ----------------------------------------------------------------------
# Check mode without an LLM endpoint of your own: the benchmark service judges with a stub that
# misbehaves on purpose (llm-fault-stub.py), so the LLM path is checked under faults too.
fault_stub=false
if $check && [[ -z "${LLM_URL:-}" ]]; then
  fault_stub=true
  start_fault_stub
fi
for service in "${services[@]}"; do
  port="$(service_port "$service")"
  extra_env=()
  if $fault_stub && [[ "$service" == benchmark-service ]]; then
    read -r -a extra_env <<<"$(fault_stub_benchmark_env)"
  fi
  start_process "$service" "$port" \
    env "${extra_env[@]}" $(identity_env "$service") MONGODB_URL="$mongo_url" EXPORTER_STORAGE_DIR="$data_dir/datasets" \
    QUARKUS_HTTP_PORT="$port" \
    EXPORTER_URL="http://127.0.0.1:$(service_port exporter-service)" \
    BENCHMARK_URL="http://127.0.0.1:$(service_port benchmark-service)" \
    SEEDER_LIMITS_MAX_STORED_DOCUMENTS="$max_stored_documents" \
    SEEDER_LIMITS_MAX_DOCUMENTS_PER_SEEDING="$max_documents_per_seeding" \
    BUTLER_GIT_COMMIT="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)" java -Xmx256m -jar "$root/$service/target/quarkus-app/quarkus-run.jar"
done

# --- 4. Prometheus -----------------------------------------------------------------------------
write_prometheus_config
start_process prometheus "$prometheus_port" \
  prometheus --config.file="$run_dir/prometheus.yml" \
  --storage.tsdb.path="$data_dir/prometheus" \
  --web.listen-address="127.0.0.1:$prometheus_port"

# --- 5. wait until all are ready ---------------------------------------------------------------
for service in "${services[@]}"; do
  port="$(service_port "$service")"
  if wait_for_ready "$service" "http://127.0.0.1:$port/q/health/ready" 120; then
    pass "$service ready on :$port"
  else
    fail "$service not ready on :$port (log: $run_dir/logs/$service.log)"
  fi
done
if wait_for_ready prometheus "http://127.0.0.1:$prometheus_port/-/ready" 60; then
  pass "prometheus ready on :$prometheus_port"
else
  fail "prometheus not ready (log: $run_dir/logs/prometheus.log)"
fi
if ((failures > 0)); then
  echo "Stack did not come up; see the logs above. Stop it with deploy/local/stop.sh" >&2
  exit 1
fi

# --- 6. the pipeline: seeding -----------------------------------------------------------------
seeder="http://127.0.0.1:$(service_port seeder-service)"
seeding_status="$(curl_as operator -sS -o "$run_dir/last-seeding.json" -w '%{http_code}' \
  -X POST "$seeder/seedings" -H 'Content-Type: application/json' -d '{}')"
echo
echo "Seeding (HTTP $seeding_status):"
if [[ "$seeding_status" == 201 ]]; then
  jq -r '"  window \(.window_days) days from \(.window_start), minimum \(.minimum_per_channel) per channel, seed \(.seed)",
         (.channels[] | "  \(.channel): daily \(.daily_before) -> \(.daily_after), weekly \(.weekly_before) -> \(.weekly_after)"),
         (.assignments[] | "  \(.assignment_id): reviews \(.before) -> \(.after)"),
         "  inserted: \(.digests_inserted) digests, \(.review_reports_inserted) review reports in \(.duration_millis) ms"' \
    "$run_dir/last-seeding.json"
else
  cat "$run_dir/last-seeding.json" >&2
  fail "seeding answered HTTP $seeding_status"
fi

# --- 7. the pipeline: export both datasets ---------------------------------------------------
# The window covers the seeded 30 days (720 h), so each dataset holds the whole floor.
exporter="http://127.0.0.1:$(service_port exporter-service)"
declare -A export_status
echo
echo "Exports:"
for source in digests review_reports; do
  export_status[$source]="$(curl_as operator -sS -o "$run_dir/last-export-$source.json" -w '%{http_code}' \
    -X POST "$exporter/exports" -H 'Content-Type: application/json' \
    -d "{\"source\":\"$source\",\"window_hours\":720}")"
  if [[ "${export_status[$source]}" =~ ^20[01]$ ]]; then
    jq -r --arg status "${export_status[$source]}" \
      '"  \(.dataset_id) version \(.version) (\(if $status == "201" then "new" else "unchanged" end)): \(.record_count) records in \(.parts | length) part(s), \(.validation.invalid) invalid of \(.validation.records_checked)"' \
      "$run_dir/last-export-$source.json"
  else
    echo "  $source: HTTP ${export_status[$source]}"
    cat "$run_dir/last-export-$source.json" >&2
    fail "export of $source answered HTTP ${export_status[$source]}"
  fi
done

# --- 8. the pipeline: benchmark both scenarios ------------------------------------------------
# Dry run (stored judge results) and the reference judge always; the LLM judge when LLM_URL is set.
benchmark="http://127.0.0.1:$(service_port benchmark-service)"
judges=(dry-run reference)
[[ -n "${LLM_URL:-}" ]] && judges+=(llm)
declare -A run_file
echo
echo "Benchmark runs:"
for scenario in channel_digest_ru review_summary_ru; do
  for judge in "${judges[@]}"; do
    file="$run_dir/last-run-$scenario-$judge.json"
    run_file[$scenario/$judge]="$file"
    status="$(curl_as operator -sS -o "$file" -w '%{http_code}' -X POST "$benchmark/runs" \
      -H 'Content-Type: application/json' \
      -d "{\"scenario\":\"$scenario\",\"judge\":\"$judge\"}")"
    if [[ "$status" != 202 ]]; then
      echo "  $scenario/$judge: HTTP $status"; cat "$file" >&2
      fail "benchmark run $scenario/$judge answered HTTP $status"
      continue
    fi
    run_id="$(jq -r .run_id "$file")"
    for _ in $(seq 1 600); do
      curl_as viewer -sS -o "$file" "$benchmark/runs/$run_id"
      [[ "$(jq -r .status "$file")" =~ ^(QUEUED|RUNNING)$ ]] || break
      sleep 0.5
    done
    jq -r '"  \(.scenario) / \(.judge): \(.status) \(.outcome // "") on \(.dataset_version), \(.progress.done) samples, \(.errors // 0) errors; " + ([.metrics[]? | "\(.metric) \(.value) \(.outcome)"] | join(", "))' "$file"
    [[ "$(jq -r .status "$file" 2>/dev/null)" == COMPLETED ]] \
      || fail "benchmark run $scenario/$judge did not complete: $(jq -r '(.status // "?") + " " + (.reason // "")' "$file" 2>/dev/null)"
  done
done

# --- 9. the pipeline: a governed fine-tuning pilot up to training ------------------------------
# Validation, baseline, both approvals, and a job submitted to the external provider; the trained
# model is registered by an operator (the command is printed below). Each step is taken by the local
# user whose role allows it; the pilot records the subject of that user's token as the actor.
pilot_api="http://127.0.0.1:$(service_port pilot-service)"
pilot_file="$run_dir/last-pilot.json"
pilot_step() { # pilot_step USER PATH BODY: POST as USER, keep the answer, print the state
  local status
  status="$(curl_as "$1" -sS -o "$pilot_file" -w '%{http_code}' -X POST "$pilot_api$2" \
    -H 'Content-Type: application/json' -d "$3")"
  echo "  $1: POST $2 -> HTTP $status, state $(jq -r '.state // .detail' "$pilot_file")"
  [[ "$status" =~ ^20[0-2]$ ]] || fail "pilot step POST $2 by $1 answered HTTP $status"
}
pilot_wait() { # pilot_wait STATE: poll while the pilot is in STATE (a run it waits for), keep it
  for _ in $(seq 1 600); do
    curl_as viewer -sS -o "$pilot_file" "$pilot_api/pilots/$pilot_id"
    [[ "$(jq -r .state "$pilot_file")" == "$1" ]] || break
    sleep 1
  done
  echo "  -> state $(jq -r '.state + ((.released_claim.reason // "") | if . == "" then "" else ": " + . end)' "$pilot_file")"
}
echo
echo "Pilot:"
pilot_step ml-engineer /pilots '{"scenario":"channel_digest_ru","candidate_name":"qwen-7b-ft-ru-digest-stage05","training":{"epochs":1,"batch_size":4,"learning_rate":2e-5,"optimizer":"AdamW","seed":42,"max_input_tokens":1024}}'
pilot_id="$(jq -r '.pilot_id // empty' "$pilot_file")"
if [[ -n "$pilot_id" ]]; then
  pilot_step ml-engineer "/pilots/$pilot_id/validation" '{}'
  # the baseline run is judged by the reference judge; evaluation uses the baseline's judge
  pilot_step ml-engineer "/pilots/$pilot_id/baseline" '{"judge":"reference"}'
  pilot_wait BASELINE_RUNNING
  pilot_step ml-lead "/pilots/$pilot_id/approvals" '{"role":"ml_lead","comment":"Датасет и план проверены"}'
  pilot_step ops-owner "/pilots/$pilot_id/approvals" '{"role":"operations_owner","comment":"Наблюдаемость и откат готовы"}'
  pilot_step ml-engineer "/pilots/$pilot_id/training" '{}'
  if [[ -n "${FINE_TUNING_URL:-}" && -n "${LLM_URL:-}" ]]; then
    # the provider trains; the service polls it; then evaluation (the candidate served at LLM_URL)
    for _ in $(seq 1 720); do
      state="$(curl_as viewer -sS "$pilot_api/pilots/$pilot_id" | jq -r .state)"
      [[ "$state" == TRAINING ]] || break
      sleep 5
    done
    echo "  training finished: $state"
    pilot_step ml-engineer "/pilots/$pilot_id/evaluation" '{}'
    pilot_wait EVALUATING
    evaluation_run="$(jq -r .evaluation_run.run_id "$pilot_file")"
    # the decider reads five samples one by one: the benchmark records each read for the sign-off
    samples="$(curl_as ml-lead -sS "$benchmark/runs/$evaluation_run/samples?limit=50" \
      | jq -c '[.[].sample_id] | unique | .[:5]')"
    for sample in $(jq -r '.[]' <<<"$samples"); do
      curl_as ml-lead -sS -o /dev/null "$benchmark/runs/$evaluation_run/samples/$sample"
    done
    pilot_step ml-lead "/pilots/$pilot_id/decision" \
      "{\"go\":false,\"reason\":\"local stack: decision recorded for review, not promoted\",\"samples_read\":$samples}"
    jq -r '"  rule proposal: \(.decision.proposal // "none") (\(.decision.decided_by_rule // ""))"' "$pilot_file"
  fi
  echo "  The job runs on a GPU node from $pilot_api/pilots/$pilot_id/training-file. When it is done,"
  echo "  an operator registers the trained model, then evaluation, decision and promotion follow"
  echo "  (docs/operations/pilot-runbook.md):"
  echo "    curl -X POST $pilot_api/pilots/$pilot_id/trained-model -H @$tokens_dir/operator.header \\"
  echo "      -H 'Content-Type: application/json' -d '{\"model\":\"<trained model name>\"}'"
fi

# --- 10. check mode: verify every step ---------------------------------------------------------
if $check; then
  echo
  echo "Checking:"
  # a failed step is reported where it failed; here only what succeeded is verified
  if [[ "$seeding_status" == 201 ]]; then
    channels="$(jq '.channels | length' "$run_dir/last-seeding.json")"
    ((channels == 5)) && pass "seeding covered 5 channels" || fail "seeding covered $channels channels, expected 5"
    short="$(jq -r '.minimum_per_channel as $min | .channels[]
      | select(.daily_after < $min or .weekly_after < 5) | .channel' "$run_dir/last-seeding.json")"
    [[ -z "$short" ]] && pass "every channel has >= 30 daily and >= 5 weekly digests in 30 days" \
      || fail "channels below the floor: $short"
    short="$(jq -r '.minimum_per_channel as $min | .assignments[] | select(.after < $min)
      | .assignment_id' "$run_dir/last-seeding.json")"
    [[ -z "$short" ]] && pass "every assignment has >= 30 review reports" \
      || fail "assignments below the floor: $short"
  fi
  for query in 'seeder_documents_seeded_total{collection="digests"}' \
               'seeder_documents_seeded_total{collection="review_reports"}' \
               'seeder_seeding_duration_seconds_count'; do
    if prometheus_has "$query" 60; then
      pass "Prometheus has $query"
    else
      fail "Prometheus has no series for $query"
    fi
  done
  for source in digests review_reports; do
    manifest="$run_dir/last-export-$source.json"
    [[ "${export_status[$source]}" =~ ^20[01]$ ]] || continue
    dataset="$(jq -r .dataset_id "$manifest")"
    version="$(jq -r .version "$manifest")"
    records="$(jq .record_count "$manifest")"
    ((records >= 50)) && pass "$dataset has $records records (>= 50)" || fail "$dataset has only $records records"
    mismatches=0
    while read -r name sha bytes; do
      part="$run_dir/part.gz"
      curl_as viewer -sS -o "$part" \
        "$exporter/datasets/$dataset/versions/$version/parts/$name"
      [[ "$(sha256sum "$part" | cut -d' ' -f1)" == "$sha" && "$(stat -c %s "$part")" == "$bytes" ]] \
        || { fail "$dataset/$version/$name does not match its manifest"; mismatches=$((mismatches + 1)); }
      ((bytes <= 512000)) || fail "$dataset/$version/$name is $bytes bytes, over 500 KB"
    done < <(jq -r '.parts[] | "\(.name) \(.sha256) \(.bytes)"' "$manifest")
    ((mismatches == 0)) && pass "$dataset/$version: every part matches the manifest's SHA-256 and size"
  done
  if prometheus_has 'benchmark_export_duration_seconds_count' 60; then
    pass "Prometheus has benchmark_export_duration_seconds"
  else
    fail "Prometheus has no series for benchmark_export_duration_seconds"
  fi
  for scenario in channel_digest_ru review_summary_ru; do
    for judge in "${judges[@]}"; do
      file="${run_file[$scenario/$judge]}"
      if [[ "$(jq -r .status "$file" 2>/dev/null)" == COMPLETED ]]; then
        pass "$scenario run with the $judge judge completed: $(jq -r .outcome "$file")"
      fi
    done
    # the reference judge must score each seeded defect below clean summaries on its metric
    worse="$(jq -r '[.defect_breakdown[]? | select(.mean_with_defect >= .mean_clean) | .defect] | join(", ")' \
      "${run_file[$scenario/reference]}")"
    rows="$(jq '[.defect_breakdown[]?] | length' "${run_file[$scenario/reference]}")"
    [[ -z "$worse" && "$rows" -gt 0 ]] \
      && pass "$scenario: the reference judge scores all $rows seeded defects below clean summaries" \
      || fail "$scenario: the reference judge does not separate defects: ${worse:-no defect rows}"
    if prometheus_has "benchmark_metric_value{scenario=\"$scenario\"}" 60; then
      pass "Prometheus has benchmark_metric_value for $scenario"
    else
      fail "Prometheus has no benchmark_metric_value for $scenario"
    fi
  done
  {
    echo "# Performance benchmarks"
    echo
    echo "Generated by \`deploy/local/run.sh --check\` from the runs it just made on the local stack"
    echo "($(date -u +%Y-%m-%dT%H:%M:%SZ)); do not edit by hand. Seeded synthetic data: the dry run replays"
    echo "the seeder's stored judge results, the reference judge is the deterministic offline judge."
    echo
    curl_as viewer -sS "$benchmark/scoreboard"
  } > "$root/docs/PERFORMANCE_BENCHMARKS.md"
  pass "docs/PERFORMANCE_BENCHMARKS.md regenerated from these runs"
  if [[ -n "$pilot_id" ]]; then
    state="$(curl_as viewer -sS "$pilot_api/pilots/$pilot_id" | jq -r .state)"
    expected_state=TRAINING
    # a run step is audited three times (claimed, run started, settled by the run poller) and
    # training twice (claimed, settled)
    expected_actions=CREATE,VALIDATE,RECORD_BASELINE,RECORD_BASELINE,RECORD_BASELINE,APPROVE,APPROVE
    expected_actions=$expected_actions,START_TRAINING,START_TRAINING
    if [[ -n "${FINE_TUNING_URL:-}" && -n "${LLM_URL:-}" ]]; then
      expected_state=DECIDED
      expected_actions=$expected_actions,COMPLETE_TRAINING,EVALUATE,EVALUATE,EVALUATE,DECIDE
    fi
    [[ "$state" == "$expected_state" ]] && pass "pilot $pilot_id reached $state" || fail "pilot $pilot_id is $state, not $expected_state"
    curl_as viewer -sS -o "$run_dir/last-pilot-audit.json" "$pilot_api/pilots/$pilot_id/audit"
    actions="$(jq -r '[.[].action] | join(",")' "$run_dir/last-pilot-audit.json")"
    [[ "$actions" == "$expected_actions" ]] \
      && pass "the pilot's audit log records every step: $actions" \
      || fail "the pilot's audit log is $actions"
    # each step's actor is the subject of the token that took it, never a name from a request body
    actors="$(jq -r '[.[] | select(.actor != null) | "\(.action)=\(.actor)"] | unique | join(",")' \
      "$run_dir/last-pilot-audit.json")"
    expected_actors="APPROVE=ml-lead,APPROVE=ops-owner,CREATE=ml-engineer,RECORD_BASELINE=ml-engineer"
    expected_actors="$expected_actors,START_TRAINING=ml-engineer,VALIDATE=ml-engineer"
    unexpected="$(jq -r --arg expected "$expected_actors" \
      '[.[] | select(.actor != null and (.actor | IN("benchmark-run-poller", "claim-recovery",
         "fine-tuning-provider") | not)) | "\(.action)=\(.actor)"] | unique
       | map(select(. as $a | ($expected | split(",") | index($a)) == null)) | join(",")' \
      "$run_dir/last-pilot-audit.json")"
    users="$(jq -r '[.[].actor | select(. != null)] | unique | length' "$run_dir/last-pilot-audit.json")"
    if [[ -z "$unexpected" && "$users" -ge 3 ]] && jq -e --arg expected "$expected_actors" \
      '[.[] | select(.actor != null) | "\(.action)=\(.actor)"] as $seen
       | $expected | split(",") | all(. as $e | $seen | index($e) != null)' \
      "$run_dir/last-pilot-audit.json" >/dev/null; then
      pass "three local users walked the pilot; each step's actor is its token's subject: $actors"
    else
      fail "the pilot's actors are $actors; expected $expected_actors"
    fi
  else
    fail "the pilot was not created"
  fi
  if $fault_stub; then
    check_llm_runs
  fi
  # outside dev and test, a service without a key to verify tokens refuses to start
  keyless_log="$run_dir/logs/keyless-seeder.log"
  keyless_status=0
  env -u MP_JWT_VERIFY_PUBLICKEY_LOCATION MONGODB_URL="$mongo_url" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_HTTP_PORT="${KEYLESS_CHECK_PORT:-8097}" timeout 120 \
    java -Xmx128m -jar "$root/seeder-service/target/quarkus-app/quarkus-run.jar" >"$keyless_log" 2>&1 \
    || keyless_status=$?
  if ((keyless_status != 0 && keyless_status != 124)) && grep -q "No key to verify tokens" "$keyless_log"; then
    pass "a service started without a verification key refuses to start (exit $keyless_status)"
  else
    fail "a service without a verification key did not refuse to start (exit $keyless_status, log $keyless_log)"
  fi
  up="$(prometheus_value 'sum(up{job="butler-bench"})')"
  [[ "$up" == 4 ]] && pass "Prometheus scrapes all 4 services" || fail "Prometheus sees $up of 4 services up"
fi

# --- 11. where to look -------------------------------------------------------------------------
cat <<EOF

butler-bench is running:
  seeder      http://127.0.0.1:$(service_port seeder-service)   (OpenAPI: /q/openapi, health: /q/health, metrics: /q/metrics)
  exporter    http://127.0.0.1:$(service_port exporter-service)
  benchmark   http://127.0.0.1:$(service_port benchmark-service)
  pilot       http://127.0.0.1:$(service_port pilot-service)
  prometheus  http://127.0.0.1:$prometheus_port
  tokens      $tokens_dir/ (curl -H @$tokens_dir/operator.header ...; docs/security.md)
  logs        $run_dir/logs/
  data        $data_dir/
Stop with deploy/local/stop.sh (data is kept).
EOF

if ((failures > 0)); then
  echo "$($check && echo check || echo run): $failures failure(s); see the FAIL lines above" >&2
  exit 1
fi
if $check; then
  echo "check: all steps passed"
fi
