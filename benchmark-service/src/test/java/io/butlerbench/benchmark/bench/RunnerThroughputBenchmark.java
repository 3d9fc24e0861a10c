package io.butlerbench.benchmark.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.benchmark.dataset.DatasetSource;
import io.butlerbench.benchmark.dataset.ExporterDatasets;
import io.butlerbench.benchmark.judge.DryRunJudge;
import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.benchmark.judge.JudgeCache;
import io.butlerbench.benchmark.judge.LlmAttempt;
import io.butlerbench.benchmark.judge.LlmCalls;
import io.butlerbench.benchmark.judge.LlmEndpoint;
import io.butlerbench.benchmark.judge.LlmJudge;
import io.butlerbench.benchmark.judge.OpenAiStub;
import io.butlerbench.benchmark.judge.PromptTemplate;
import io.butlerbench.benchmark.run.RunChunks;
import io.butlerbench.benchmark.run.RunMetrics;
import io.butlerbench.benchmark.run.RunPlan;
import io.butlerbench.benchmark.run.RunStore;
import io.butlerbench.benchmark.run.Runner;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Threshold;
import io.butlerbench.testing.InProcessMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * Runner throughput: a dry run over many samples (overhead per sample, against just streaming and
 * parsing the same records), and an LLM-judged run against a stub answering in a fixed 100 ms at
 * concurrency 16 (against the ideal 160 samples/s). Run with {@code
 * docs/bench/runner-throughput.sh}.
 */
public final class RunnerThroughputBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** JSON as the services speak it: snake_case names, ISO-8601 times. */
  private static final ObjectMapper WIRE_JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private static final Scenario SCENARIO =
      new Scenario(
          "channel_digest_ru",
          "benchmark_digest_ru_v1",
          Map.of(
              "coverage",
              new Threshold(0.88, 0.80, false),
              "latency_p95",
              new Threshold(210, 240, true)));

  private RunnerThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int drySamples = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int liveSamples = args.length > 1 ? Integer.parseInt(args[1]) : 1_600;
    WireMockServer stub =
        new WireMockServer(options().dynamicPort().containerThreads(80).jettyAcceptors(2));
    stub.start();
    try (InProcessMongo mongo = InProcessMongo.start();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      int warmupSamples = Math.min(drySamples, 5_000);
      publish(stub, "warm", warmupSamples);
      publish(stub, "dry", drySamples);
      publish(stub, "live", liveSamples);
      stub.stubFor(
          post("/v1/chat/completions")
              .willReturn(okJson(OpenAiStub.scores(0.9, 0.9, 0.9, 0.9)).withFixedDelay(100)));
      DatasetSource datasets =
          new ExporterDatasets(
              new JdkExporterClient(stub.baseUrl(), WIRE_JSON), WIRE_JSON, Duration.ofSeconds(60));

      // warm-up: a small dry run
      run(client.getDatabase("warmup"), datasets, "warm", warmupSamples, "dry-run", 4, null);

      for (int round = 1; round <= 3; round++) {
        long streamStart = System.nanoTime();
        AtomicLong parsed = new AtomicLong();
        datasets.forEachRecord(
            new DatasetSource.Version("benchmark_digest_ru_v1", "dry", drySamples),
            r -> parsed.incrementAndGet());
        double streamSeconds = (System.nanoTime() - streamStart) / 1e9;
        double runSeconds =
            run(
                client.getDatabase("dry_" + round),
                datasets,
                "dry",
                drySamples,
                "dry-run",
                4,
                null);
        System.out.printf(
            Locale.ROOT,
            "dry run %d: %d samples in %.2f s (%.0f samples/s); streaming and parsing alone %.2f s;"
                + " runner overhead %.1f µs per sample%n",
            round,
            drySamples,
            runSeconds,
            drySamples / runSeconds,
            streamSeconds,
            (runSeconds - streamSeconds) / drySamples * 1e6);
      }
      for (int round = 1; round <= 3; round++) {
        double one =
            run(
                client.getDatabase("live_" + round),
                datasets,
                "live",
                liveSamples,
                "llm",
                16,
                llmJudge(stub, client.getDatabase("live_" + round)));
        MongoDatabase shared = client.getDatabase("shared_" + round);
        double two =
            runShared(
                shared, datasets, liveSamples, llmJudge(stub, shared), llmJudge(stub, shared));
        System.out.printf(
            Locale.ROOT,
            "live run %d: %d samples at concurrency 16 against a 100 ms stub: one instance %.2f s"
                + " (%.1f samples/s, %.2f of the ideal 160); two instances sharing the run %.2f s"
                + " (%.1f samples/s, %.2f times one instance)%n",
            round,
            liveSamples,
            one,
            liveSamples / one,
            liveSamples / one / 160,
            two,
            liveSamples / two,
            one / two);
      }
    } finally {
      stub.stop();
    }
  }

  /**
   * The LLM judge of one instance: its own endpoint client; its in-flight limit is the run's
   * concurrency (16), the fault tolerance of {@code LlmCalls} needing the application.
   */
  private static Judge llmJudge(WireMockServer stub, MongoDatabase database) {
    LlmEndpoint endpoint =
        new LlmEndpoint(
            new LlmCalls(new LlmAttempt(new JdkOpenAiClient(stub.baseUrl(), WIRE_JSON))));
    return new LlmJudge(
        endpoint,
        PromptTemplate.load("benchmark-2025-11-v1"),
        new JudgeCache(database),
        JSON,
        "gpt-4o",
        400,
        0);
  }

  private static Runner runner(MongoDatabase database, DatasetSource datasets, Judge judge) {
    return new Runner(
        new RunStore(database),
        new RunChunks(database),
        datasets,
        name -> judge,
        null,
        new RunMetrics(new SimpleMeterRegistry(), Set.of()),
        new Runner.Settings(0.1, 0.01, 50, Duration.ofSeconds(30), 4),
        Clock.systemUTC());
  }

  private static RunPlan plan(String version, int samples, String judgeName, int concurrency) {
    return new RunPlan(
        SCENARIO,
        version,
        samples,
        judgeName,
        null,
        concurrency,
        42,
        0.0,
        false,
        1,
        Duration.ofHours(1));
  }

  /**
   * One run shared by two runner instances on one MongoDB, each with its own endpoint client and 16
   * in flight: the first starts it, the second joins through the sweep as soon as it runs.
   */
  private static double runShared(
      MongoDatabase database, DatasetSource datasets, int samples, Judge first, Judge second)
      throws InterruptedException {
    RunStore store = new RunStore(database);
    Runner one = runner(database, datasets, first);
    Runner two = runner(database, datasets, second);
    RunPlan plan = plan("live", samples, "llm", 16);
    long start = System.nanoTime();
    String runId = one.submit(plan).getString("_id");
    while (!"RUNNING".equals(store.find(runId).orElseThrow().getString("status"))) {
      Thread.onSpinWait();
    }
    two.sweep(run -> plan);
    one.awaitIdle(Duration.ofHours(1));
    two.awaitIdle(Duration.ofHours(1));
    double seconds = (System.nanoTime() - start) / 1e9;
    Document finished = store.find(runId).orElseThrow();
    if (!"COMPLETED".equals(finished.getString("status")) || store.countSamples(runId) != samples) {
      throw new IllegalStateException("shared run did not complete: " + finished.toJson());
    }
    return seconds;
  }

  private static double run(
      MongoDatabase database,
      DatasetSource datasets,
      String version,
      int samples,
      String judgeName,
      int concurrency,
      Judge llm)
      throws InterruptedException {
    RunStore store = new RunStore(database);
    Judge judge = llm != null ? llm : new DryRunJudge();
    Runner runner = runner(database, datasets, judge);
    long start = System.nanoTime();
    Document run = runner.submit(plan(version, samples, judgeName, concurrency));
    runner.awaitIdle(Duration.ofHours(1));
    double seconds = (System.nanoTime() - start) / 1e9;
    Document finished = store.find(run.getString("_id")).orElseThrow();
    Document progress = finished.get("progress", Document.class);
    if (!"COMPLETED".equals(finished.getString("status"))
        || progress.get("done", Number.class).longValue() != samples) {
      throw new IllegalStateException("run did not complete every sample: " + finished.toJson());
    }
    return seconds;
  }

  private static void publish(WireMockServer stub, String version, int samples) {
    StringBuilder body = new StringBuilder(samples * 700);
    for (int i = 0; i < samples; i++) {
      body.append(
          String.format(
              Locale.ROOT,
              "{\"sample_id\":\"%s-%06d\",\"channel\":\"@tech_ru\",\"language\":\"ru\",\"timestamp\":\"2026-11-20T21:00:00Z\","
                  + "\"source_text\":\"Пост %s %d\\nТекст поста о запуске сервиса.\",\"summary_markdown\":\"- **Пост %s %d**: итог.\","
                  + "\"metadata\":{\"posts_count\":3,\"time_range_hours\":24,\"llm_model\":\"qwen-7b\",\"feature_flags\":{}},"
                  + "\"ground_truth\":{\"llm_judge\":{\"judge_model\":\"gpt-4o\",\"prompt_version\":\"benchmark-2025-11-v1\","
                  + "\"scores\":{\"coverage\":0.9,\"accuracy\":0.95,\"coherence\":0.92,\"informativeness\":0.89},\"verdict\":\"MEETS_EXPECTATIONS\"}},"
                  + "\"latency_seconds\":%d}\n",
              version,
              i,
              version,
              i,
              version,
              i,
              10 + i % 200));
    }
    String manifest =
        "{\"dataset_id\":\"benchmark_digest_ru_v1\",\"version\":\""
            + version
            + "\",\"record_count\":"
            + samples
            + "}";
    stub.stubFor(
        get("/datasets/benchmark_digest_ru_v1/versions/" + version).willReturn(okJson(manifest)));
    stub.stubFor(
        get("/datasets/benchmark_digest_ru_v1/versions/" + version + "/records")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-ndjson")
                    .withBody(body.toString())));
  }
}
