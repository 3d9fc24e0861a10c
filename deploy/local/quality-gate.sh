#!/usr/bin/env bash
# A CI quality gate on the running stack: runs one scenario and exits with the verdict.
#   deploy/local/quality-gate.sh <scenario> [judge] [dataset_version]
# The caller's token is read from BUTLER_TOKEN_HEADER_FILE, a file with one line
# "Authorization: Bearer <token>" (token-tool writes one per holder; default: the local operator's).
# Exit codes: 0 the run passed (or warned), 100 the quality gate failed, 1 an infrastructure error
# (the service, the exporter or the run itself broke): a failed gate is never confused with a
# broken pipeline.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=deploy/local/lib.sh
source "$here/lib.sh"

scenario="${1:?usage: $0 <scenario> [judge] [dataset_version]}"
judge="${2:-reference}"
version="${3:-}"
header_file="${BUTLER_TOKEN_HEADER_FILE:-$tokens_dir/operator.header}"
benchmark="${BENCHMARK_URL:-http://127.0.0.1:$(service_port benchmark-service)}"
body="$(jq -n --arg s "$scenario" --arg j "$judge" --arg v "$version" \
  '{scenario: $s, judge: $j} + (if $v == "" then {} else {dataset_version: $v} end)')"

answer="$(curl -sS -w '\n%{http_code}' -X POST "$benchmark/runs" \
  -H "@$header_file" -H 'Content-Type: application/json' -d "$body")" || exit 1
status="${answer##*$'\n'}"
if [[ "$status" != 202 ]]; then
  echo "run not accepted (HTTP $status): ${answer%$'\n'*}" >&2
  exit 1
fi
run_id="$(jq -r .run_id <<< "${answer%$'\n'*}")"
while true; do
  run="$(curl -sS -H "@$header_file" "$benchmark/runs/$run_id")" || exit 1
  case "$(jq -r .status <<< "$run")" in
    QUEUED | RUNNING) sleep 1 ;;
    COMPLETED) break ;;
    *) echo "run $run_id did not complete: $(jq -r '.status + " " + (.reason // "")' <<< "$run")" >&2; exit 1 ;;
  esac
done
echo "$(jq -r '"\(.scenario) / \(.judge) on \(.dataset_version): \(.outcome): \(.reason)"' <<< "$run")"
case "$(jq -r .outcome <<< "$run")" in
  PASS | WARN) exit 0 ;;
  FAIL) exit 100 ;;
  # ERROR: too many samples errored or not every sample was stored; inconclusive, not a verdict
  *) echo "the run is inconclusive: an infrastructure failure, not a quality verdict" >&2; exit 1 ;;
esac
