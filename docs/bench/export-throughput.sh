#!/usr/bin/env bash
# Export throughput for 200,000 digests against a raw driver read plus gzip JSON write, and the
# exporter's peak heap. MongoDB runs as its own process (the local stack's embedded server).
# Usage: docs/bench/export-throughput.sh [rounds] [documents]   (defaults 3 and 200000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rounds="${1:-3}"
documents="${2:-200000}"
port="${BENCH_MONGO_PORT:-27117}"

./mvnw -B -q -pl exporter-service,deploy/local/embedded-mongo -am -DskipTests install
./mvnw -B -q -pl exporter-service test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/exporter-service/target/bench.classpath" -Dmdep.includeScope=test
classpath="exporter-service/target/test-classes:exporter-service/target/classes:$(cat exporter-service/target/bench.classpath)"

data="$(mktemp -d)"
java -Xmx4g -jar deploy/local/embedded-mongo/target/embedded-mongo-*.jar "$port" "$data/bench.mv" \
  > "$data/mongo.log" 2>&1 &
mongo_pid=$!
trap 'kill $mongo_pid 2>/dev/null; wait $mongo_pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done

url="mongodb://127.0.0.1:$port"
java -Xmx1g -cp "$classpath" io.butlerbench.exporter.bench.ExportThroughputBenchmark load "$url" "$documents"
java -Xmx1g -cp "$classpath" io.butlerbench.exporter.bench.ExportThroughputBenchmark compare "$url" "$rounds"
java -Xmx128m -cp "$classpath" io.butlerbench.exporter.bench.ExportThroughputBenchmark heap "$url"
