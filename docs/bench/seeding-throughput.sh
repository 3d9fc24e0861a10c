#!/usr/bin/env bash
# Seeding throughput against the raw MongoDB driver's bulk insert, same server, same run.
# Usage: docs/bench/seeding-throughput.sh [rounds]   (default 3; results go to docs/benchmarks.md by hand)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -B -q -pl seeder-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/seeder-service/target/bench.classpath" -Dmdep.includeScope=test
java -Xmx8g -cp "seeder-service/target/test-classes:seeder-service/target/classes:$(cat seeder-service/target/bench.classpath)" \
  io.butlerbench.seeder.bench.SeedingThroughputBenchmark "${1:-3}"
