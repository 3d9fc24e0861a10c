#!/usr/bin/env bash
# Stops only the processes deploy/local/run.sh started (tracked by pid and command line); data stays.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=deploy/local/lib.sh
source "$here/lib.sh"

# Everything but the database at once, killed if still running after 20 s: a service waiting on a
# MongoDB that is down or frozen does not hold the stop up for longer (lib.sh, stop_processes).
stop_processes 20 prometheus benchmark-service-2 "${services[@]}" llm-fault-stub
# the database last, so no service writes to it while it closes; its supervisor stops the server
# with SIGTERM (the file closes cleanly) and kills it after 20 s, and the next start repairs the file
stop_process embedded-mongo 30
echo "Stopped. Data kept in $data_dir"
