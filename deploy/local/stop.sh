#!/usr/bin/env bash
# Stops only the processes deploy/local/run.sh started (tracked by pid and command line); data stays.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=deploy/local/lib.sh
source "$here/lib.sh"

# the database last, so no service writes to it while it closes
stop_process prometheus
stop_process benchmark-service-2
for service in "${services[@]}"; do
  stop_process "$service"
done
stop_process embedded-mongo
stop_process llm-fault-stub
echo "Stopped. Data kept in $data_dir"
