#!/usr/bin/env bash
# Runner throughput: dry run over many samples, an LLM-judged run against a 100 ms stub at
# concurrency 16, and the same run shared by two instances. Usage:
# docs/bench/runner-throughput.sh [dry-samples] [live-samples]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -B -q -pl benchmark-service -am -DskipTests install
./mvnw -B -q -pl benchmark-service test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/benchmark-service/target/bench.classpath" -Dmdep.includeScope=test
java -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "benchmark-service/target/test-classes:benchmark-service/target/classes:$(cat benchmark-service/target/bench.classpath)" \
  io.butlerbench.benchmark.bench.RunnerThroughputBenchmark "${1:-100000}" "${2:-1600}"
