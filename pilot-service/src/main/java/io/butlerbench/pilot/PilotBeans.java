package io.butlerbench.pilot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.pilot.clients.BenchmarkCalls;
import io.butlerbench.pilot.clients.ExporterCalls;
import io.butlerbench.pilot.clients.Services;
import io.butlerbench.pilot.decision.DecisionRule;
import io.butlerbench.pilot.training.ExternalTraining;
import io.butlerbench.pilot.training.FineTuningCalls;
import io.butlerbench.pilot.training.OpenAiFineTuning;
import io.butlerbench.pilot.training.TrainingPoller;
import io.butlerbench.pilot.training.TrainingProvider;
import io.butlerbench.pilot.workflow.ClaimRecovery;
import io.butlerbench.pilot.workflow.PilotService;
import io.butlerbench.pilot.workflow.PilotStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Wires the plain-Java pilot to Quarkus; readiness includes the services it calls. */
public class PilotBeans {
  /** Longer than any live step with side effects, or a benchmark run's start attempt, takes. */
  static final java.time.Duration LONGEST_STEP = java.time.Duration.ofMinutes(2);

  @Produces
  @Singleton
  PilotStore pilotStore(MongoDatabase database) {
    return new PilotStore(database);
  }

  @Produces
  @Singleton
  AliasStore aliasStore(MongoDatabase database) {
    return new AliasStore(database);
  }

  @Produces
  @Singleton
  Services services(ExporterCalls exporter, BenchmarkCalls benchmark, ObjectMapper json) {
    return new Services(exporter, benchmark, json);
  }

  /** Empty while {@code FINE_TUNING_URL} is unset. */
  @Produces
  @Singleton
  Optional<OpenAiFineTuning> fineTuning(PilotConfig config, Instance<FineTuningCalls> api) {
    return config
        .fineTuning()
        .url()
        .filter(url -> !url.isBlank())
        .map(url -> new OpenAiFineTuning(api.get()));
  }

  @Produces
  @Singleton
  Optional<TrainingPoller> trainingPoller(
      PilotStore store, PilotService pilots, Optional<OpenAiFineTuning> fineTuning) {
    return fineTuning.map(provider -> new TrainingPoller(store, pilots, provider));
  }

  @Produces
  @Singleton
  PilotService pilotService(
      PilotStore store,
      AliasStore aliases,
      Services services,
      PilotConfig config,
      ObjectMapper json,
      Clock clock,
      MeterRegistry meters,
      Optional<OpenAiFineTuning> fineTuning) {
    PilotConfig.Decision decision = config.decision();
    return new PilotService(
        store,
        aliases,
        services,
        config.scenarioDatasets(),
        new DecisionRule(
            decision.absoluteFloor(),
            decision.minAbsoluteImprovement(),
            decision.minRelativeImprovement(),
            decision.latencyMargin(),
            decision.maxErrorShare()),
        config.defaultJudge(),
        config.runTimeout(),
        config.claimTimeout(),
        config.gitCommit(),
        json,
        clock,
        meters,
        fineTuning.isPresent()
            ? List.of(new ExternalTraining(), fineTuning.get())
            : List.<TrainingProvider>of(new ExternalTraining()));
  }

  @Produces
  @Singleton
  ClaimRecovery claimRecovery(
      PilotStore store, AliasStore aliases, PilotService pilots, PilotConfig config, Clock clock) {
    if (config.claimTimeout().compareTo(LONGEST_STEP) <= 0) {
      // a live step holds its claim for its outbound calls (each bounded by 5 s to connect and 60 s
      // to answer); a shorter claim timeout would let recovery take over steps still running
      throw new IllegalStateException(
          "pilot.claim-timeout ("
              + config.claimTimeout()
              + ") must be longer than "
              + LONGEST_STEP
              + ", the longest a live step or run start attempt takes");
    }
    return new ClaimRecovery(store, aliases, pilots, config.claimTimeout(), clock);
  }

  @Produces
  @Readiness
  @Singleton
  org.eclipse.microprofile.health.HealthCheck dependencies(Services services) {
    return () ->
        HealthCheckResponse.named("exporter-and-benchmark")
            .status(services.exporterReachable() && services.benchmarkReachable())
            .build();
  }
}
