package io.butlerbench.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.benchmark.dataset.DatasetSource;
import io.butlerbench.benchmark.dataset.ExporterClient;
import io.butlerbench.benchmark.dataset.ExporterDatasets;
import io.butlerbench.benchmark.judge.DryRunJudge;
import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.benchmark.judge.JudgeCache;
import io.butlerbench.benchmark.judge.LlmCalls;
import io.butlerbench.benchmark.judge.LlmEndpoint;
import io.butlerbench.benchmark.judge.LlmJudge;
import io.butlerbench.benchmark.judge.PromptTemplate;
import io.butlerbench.benchmark.judge.ReferenceJudge;
import io.butlerbench.benchmark.run.CandidateGenerator;
import io.butlerbench.benchmark.run.RunChunks;
import io.butlerbench.benchmark.run.RunMetrics;
import io.butlerbench.benchmark.run.RunStore;
import io.butlerbench.benchmark.run.Runner;
import io.butlerbench.benchmark.run.SampleReads;
import io.butlerbench.benchmark.scenario.Scenarios;
import io.butlerbench.benchmark.scoreboard.Scoreboard;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Wires the plain-Java runner, judges and clients to Quarkus. */
public class BenchmarkBeans {

  @Produces
  @Singleton
  Scenarios scenarios(BenchmarkConfig config) {
    return Scenarios.from(config);
  }

  /** The exporter, asked with this service's own token (never a caller's). */
  @Produces
  @Singleton
  DatasetSource datasets(
      @RestClient ExporterClient exporter, BenchmarkConfig config, ObjectMapper json) {
    return new ExporterDatasets(exporter, json, config.exporterIdleTimeout());
  }

  @Produces
  @Singleton
  Scoreboard scoreboard(RunStore store, Scenarios scenarios) {
    return new Scoreboard(store, scenarios);
  }

  @Produces
  @Singleton
  RunStore runStore(MongoDatabase database) {
    return new RunStore(database);
  }

  @Produces
  @Singleton
  SampleReads sampleReads(MongoDatabase database, Clock clock) {
    return new SampleReads(database, clock);
  }

  /** Empty while {@code LLM_URL} is unset: the LLM judge and candidates are then unavailable. */
  @Produces
  @Singleton
  Optional<LlmEndpoint> llmEndpoint(BenchmarkConfig config, LlmCalls calls) {
    return config.llm().url().filter(url -> !url.isBlank()).map(url -> new LlmEndpoint(calls));
  }

  private static Set<String> labelledModels(BenchmarkConfig.Llm llm) {
    Set<String> models = new HashSet<>(llm.candidateModels());
    models.add(llm.judgeModel());
    return models;
  }

  @Produces
  @Singleton
  Runner runner(
      RunStore store,
      DatasetSource datasets,
      Optional<LlmEndpoint> endpoint,
      BenchmarkConfig config,
      MongoDatabase database,
      ObjectMapper json,
      MeterRegistry meters,
      Clock clock) {
    BenchmarkConfig.Llm llm = config.llm();
    Judge dryRun = new DryRunJudge();
    Judge reference = new ReferenceJudge();
    Judge llmJudge =
        endpoint
            .<Judge>map(
                e ->
                    new LlmJudge(
                        e,
                        PromptTemplate.load(llm.promptVersion()),
                        new JudgeCache(database),
                        json,
                        llm.judgeModel(),
                        llm.maxTokens(),
                        llm.maxReasks()))
            .orElse(null);
    CandidateGenerator generator =
        endpoint.map(e -> new CandidateGenerator(e, llm.maxTokens() * 2)).orElse(null);
    return new Runner(
        store,
        new RunChunks(database),
        datasets,
        name ->
            switch (name) {
              case "dry-run" -> dryRun;
              case "reference" -> reference;
              case "llm" -> llmJudge;
              default -> throw new IllegalArgumentException("unknown judge " + name);
            },
        generator,
        new RunMetrics(meters, labelledModels(llm)),
        new Runner.Settings(
            config.maxErrorShare(),
            config.reviewBand(),
            config.chunkSize(),
            config.lease(),
            config.maxConcurrentRuns()),
        clock);
  }
}
