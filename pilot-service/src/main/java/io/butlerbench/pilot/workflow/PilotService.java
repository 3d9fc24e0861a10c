package io.butlerbench.pilot.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.pilot.clients.Services;
import io.butlerbench.pilot.decision.DecisionRule;
import io.butlerbench.pilot.safety.PersonalDataScanner;
import io.butlerbench.pilot.training.TrainingProvider;
import io.butlerbench.service.problem.InvalidRequestException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/**
 * The governed pilot: each step checks the state machine, does its work through the exporter and
 * benchmark services, and records the transition in the audit trail.
 */
public class PilotService {
  private final PilotStore store;
  private final AliasStore aliases;
  private final Services services;
  private final Map<String, String> scenarioDatasets;
  private final DecisionRule rule;
  private final String defaultJudge;
  private final Duration runTimeout;
  private final String gitCommit;
  private final ObjectMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final PersonalDataScanner scanner = new PersonalDataScanner();
  private final Map<String, TrainingProvider> providers = new LinkedHashMap<>();
  private final String defaultProvider;

  public PilotService(
      PilotStore store,
      AliasStore aliases,
      Services services,
      Map<String, String> scenarioDatasets,
      DecisionRule rule,
      String defaultJudge,
      Duration runTimeout,
      String gitCommit,
      ObjectMapper json,
      Clock clock,
      MeterRegistry meters,
      List<TrainingProvider> providers) {
    providers.forEach(provider -> this.providers.put(provider.name(), provider));
    this.defaultProvider = this.providers.containsKey("openai") ? "openai" : "external";
    this.store = store;
    this.aliases = aliases;
    this.services = services;
    this.scenarioDatasets = Map.copyOf(scenarioDatasets);
    this.rule = rule;
    this.defaultJudge = defaultJudge;
    this.runTimeout = runTimeout;
    this.gitCommit = gitCommit;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
    for (PilotState state : PilotState.values()) {
      Gauge.builder("pilot.pilots", store, s -> countOrNaN(s, state))
          .description("Pilots per state")
          .tag("state", state.name())
          .register(meters);
    }
  }

  public Document create(PilotRequest request) {
    if (request == null || request.scenario() == null) {
      throw new InvalidRequestException(
          "scenario", "required", "scenario is required, one of " + scenarioDatasets.keySet());
    }
    String dataset = scenarioDatasets.get(request.scenario());
    if (dataset == null) {
      throw new InvalidRequestException(
          "scenario",
          "enum",
          "unknown scenario '" + request.scenario() + "'; known: " + scenarioDatasets.keySet());
    }
    requireText(request.candidateName(), "candidate_name");
    requireText(request.initiator(), "initiator");
    PilotRequest.Training training =
        request.training() == null
            ? new PilotRequest.Training(null, null, null, null, null, null)
            : request.training();
    Document config =
        new Document("epochs", positive(training.epochs(), 1, "training.epochs"))
            .append("batch_size", positive(training.batchSize(), 4, "training.batch_size"))
            .append(
                "learning_rate", training.learningRate() == null ? 2e-5 : training.learningRate())
            .append("optimizer", training.optimizer() == null ? "AdamW" : training.optimizer())
            .append("seed", training.seed() == null ? 42L : training.seed())
            .append(
                "max_input_tokens",
                positive(training.maxInputTokens(), 1024, "training.max_input_tokens"));
    if (config.getDouble("learning_rate") <= 0 || config.getDouble("learning_rate") >= 1) {
      throw new InvalidRequestException(
          "training.learning_rate", "range", "learning_rate must be within (0, 1)");
    }
    JsonNode manifest = manifest(dataset, request.datasetVersion(), "dataset_version");
    Instant now = clock.instant();
    String id = "pilot-" + UUID.randomUUID();
    Document pilot =
        new Document("_id", id)
            .append("pilot_id", id)
            .append("scenario", request.scenario())
            .append("dataset_id", dataset)
            .append("dataset_version", manifest.path("version").asText())
            .append(
                "baseline_model",
                request.baselineModel() == null ? "qwen-7b" : request.baselineModel())
            .append("candidate_name", request.candidateName())
            .append("training", config)
            .append("initiator", request.initiator())
            .append("git_commit", gitCommit)
            .append("state", PilotState.DRAFT.name())
            .append("approvals", List.of())
            .append("created_at", Date.from(now));
    store.create(pilot, request.initiator(), now);
    return pilot;
  }

  /**
   * Schema check by the exporter and a personal-data scan of every record. Findings keep the pilot
   * in DRAFT (recorded and listed); a clean dataset moves it to VALIDATED with its checksum.
   */
  public Document validate(String id, String actor) {
    Document pilot = load(id);
    PilotState state = state(pilot);
    Workflow.next(state, PilotAction.VALIDATE);
    String dataset = pilot.getString("dataset_id");
    String version = pilot.getString("dataset_version");
    Services.Answer schema = services.validateDataset(dataset, version);
    if (schema.status() != 200 || schema.body() == null) {
      throw new IllegalStateException(
          "the exporter could not validate "
              + dataset
              + "/"
              + version
              + " (HTTP "
              + schema.status()
              + ")");
    }
    List<Document> findings = new ArrayList<>();
    long[] records = {0};
    services.forEachRecord(
        dataset,
        version,
        record -> {
          records[0]++;
          for (String field : List.of("source_text", "summary_markdown")) {
            for (PersonalDataScanner.Finding finding : scanner.scan(record.path(field).asText())) {
              findings.add(
                  new Document("sample_id", record.path("sample_id").asText())
                      .append("field", field)
                      .append("kind", finding.kind())
                      .append("offset", finding.offset())
                      .append("masked", finding.masked()));
            }
          }
        });
    JsonNode manifest = manifest(dataset, version, "dataset_version");
    long invalid = schema.body().path("invalid").asLong();
    Document validation =
        new Document("records_scanned", records[0])
            .append("schema_invalid", invalid)
            .append("personal_data", findings)
            .append("dataset_checksum", checksum(manifest))
            .append("passed", invalid == 0 && findings.isEmpty())
            .append("at", Date.from(clock.instant()));
    if (!validation.getBoolean("passed")) {
      store.amend(
          id, PilotAction.VALIDATE, actor, new Document("validation", validation), clock.instant());
      return load(id);
    }
    return move(pilot, PilotAction.VALIDATE, actor, new Document("validation", validation));
  }

  public Document recordBaseline(String id, String actor, String judge) {
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.RECORD_BASELINE);
    Document run = benchmark(pilot, null, judge);
    return move(pilot, PilotAction.RECORD_BASELINE, actor, new Document("baseline_run", run));
  }

  public Document approve(String id, String role, String person, String comment) {
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.APPROVE);
    Approvals.Role parsed;
    try {
      parsed = Approvals.Role.valueOf(role == null ? "" : role.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("role", "enum", "role must be ml_lead or operations_owner");
    }
    Approvals approvals = new Approvals(pilot.getString("initiator"), approvalsOf(pilot));
    try {
      approvals.approve(parsed, person, comment, clock.instant());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("person", "approver", e.getMessage());
    }
    List<Document> stored = new ArrayList<>();
    for (Approvals.Approval approval : approvals.given()) {
      stored.add(
          new Document("role", approval.role().name())
              .append("person", approval.person())
              .append("comment", approval.comment())
              .append("at", Date.from(approval.at())));
    }
    Document changes = new Document("approvals", stored);
    if (!approvals.complete()) {
      store.amend(id, PilotAction.APPROVE, person, changes, clock.instant());
      return load(id);
    }
    return move(pilot, PilotAction.APPROVE, person, changes);
  }

  /**
   * Submits training to the named provider ({@code openai} when a fine-tuning API is configured,
   * else {@code external}, by default). An OpenAI job is then followed by {@link
   * io.butlerbench.pilot.training.TrainingPoller}; an external one waits for an operator.
   */
  public Document startTraining(String id, String actor, String provider) {
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.START_TRAINING);
    String chosen = provider == null ? defaultProvider : provider;
    TrainingProvider training = providers.get(chosen);
    if (training == null) {
      throw new InvalidRequestException(
          "provider",
          chosen.equals("openai") ? "unavailable" : "enum",
          "provider must be one of "
              + providers.keySet()
              + ", was '"
              + chosen
              + "'"
              + (chosen.equals("openai")
                  ? "; set FINE_TUNING_URL to use the fine-tuning API"
                  : ""));
    }
    Document job;
    try {
      job = training.submit(pilot, () -> trainingFileBytes(id));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "the " + chosen + " provider refused the job: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while submitting the job", e);
    }
    job.append("submitted_at", Date.from(clock.instant()));
    return move(pilot, PilotAction.START_TRAINING, actor, new Document("job", job));
  }

  private byte[] trainingFileBytes(String id) {
    java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
    trainingFile(
        id,
        line -> file.writeBytes((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return file.toByteArray();
  }

  public Document registerTrainedModel(String id, String model, String actor) {
    requireText(model, "model");
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.COMPLETE_TRAINING);
    Document job =
        new Document(pilot.get("job", Document.class))
            .append("status", "succeeded")
            .append("trained_model", model);
    return move(
        pilot,
        PilotAction.COMPLETE_TRAINING,
        actor,
        new Document("job", job).append("trained_model", model));
  }

  public Document evaluate(String id, String actor, String judge) {
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.EVALUATE);
    Document run = benchmark(pilot, pilot.getString("trained_model"), judge);
    return move(pilot, PilotAction.EVALUATE, actor, new Document("evaluation_run", run));
  }

  /** The rule proposes; a person who read 5 samples confirms go or no-go with a reason. */
  public Document decide(
      String id, String actor, Boolean go, String reason, List<String> samplesRead) {
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.DECIDE);
    requireText(actor, "by");
    requireText(reason, "reason");
    if (go == null) {
      throw new InvalidRequestException("go", "required", "go (true or false) is required");
    }
    if (samplesRead == null || samplesRead.stream().distinct().count() != 5) {
      throw new InvalidRequestException(
          "samples_read", "count", "name the 5 different samples a person read");
    }
    DecisionRule.Decision proposal =
        rule.decide(
            metrics(pilot.get("baseline_run", Document.class)),
            metrics(pilot.get("evaluation_run", Document.class)));
    Document decision =
        new Document("proposal", proposal.go() ? "go" : "no-go")
            .append("decided_by_rule", proposal.decidedBy())
            .append("checks", proposal.checks())
            .append("go", go)
            .append("by", actor)
            .append("reason", reason)
            .append("samples_read", samplesRead)
            .append("overrides_rule", go != proposal.go())
            .append("at", Date.from(clock.instant()));
    return move(pilot, PilotAction.DECIDE, actor, new Document("decision", decision));
  }

  public Document promote(String id, String actor, String reason) {
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.PROMOTE);
    Document decision = pilot.get("decision", Document.class);
    if (decision == null || !decision.getBoolean("go")) {
      throw new Workflow.ActionRefusedException(
          state(pilot), PilotAction.PROMOTE, java.util.Set.of(PilotAction.REJECT));
    }
    requireText(reason, "reason");
    Instant now = clock.instant();
    List<String> runs = runIds(pilot);
    aliases.move(
        pilot.getString("scenario"),
        AliasStore.CHAMPION,
        pilot.getString("trained_model"),
        actor,
        reason,
        id,
        runs,
        now);
    aliases.move(
        pilot.getString("scenario"),
        AliasStore.CHALLENGER,
        pilot.getString("baseline_model"),
        actor,
        reason,
        id,
        runs,
        now);
    aliasChanged(pilot.getString("scenario"), AliasStore.CHAMPION);
    aliasChanged(pilot.getString("scenario"), AliasStore.CHALLENGER);
    return move(pilot, PilotAction.PROMOTE, actor, new Document("promoted_at", Date.from(now)));
  }

  public Document reject(String id, String actor, String reason) {
    requireText(reason, "reason");
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.REJECT);
    return move(
        pilot,
        PilotAction.REJECT,
        actor,
        new Document("rejection", new Document("by", actor).append("reason", reason)));
  }

  /** Points {@code champion} back to the baseline model and starts a run to confirm recovery. */
  public Document rollBack(String id, String actor, String reason, String judge) {
    requireText(reason, "reason");
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.ROLL_BACK);
    aliases.move(
        pilot.getString("scenario"),
        AliasStore.CHAMPION,
        pilot.getString("baseline_model"),
        actor,
        reason,
        id,
        runIds(pilot),
        clock.instant());
    aliasChanged(pilot.getString("scenario"), AliasStore.CHAMPION);
    Document recovery = benchmark(pilot, null, judge);
    return move(
        pilot,
        PilotAction.ROLL_BACK,
        actor,
        new Document(
            "rollback",
            new Document("by", actor).append("reason", reason).append("recovery_run", recovery)));
  }

  public Document fail(String id, String actor, String reason) {
    requireText(reason, "reason");
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.FAIL);
    return move(pilot, PilotAction.FAIL, actor, new Document("failure", reason));
  }

  /** Chat-formatted JSONL for fine-tuning: source text in, the reference summary out. */
  public void trainingFile(String id, java.util.function.Consumer<String> lines) {
    Document pilot = load(id);
    services.forEachRecord(
        pilot.getString("dataset_id"),
        pilot.getString("dataset_version"),
        record -> {
          ObjectNode line = json.createObjectNode();
          var messages = line.putArray("messages");
          messages.add(
              json.createObjectNode()
                  .put("role", "system")
                  .put("content", "Сделай краткое изложение на русском языке."));
          messages.add(
              json.createObjectNode()
                  .put("role", "user")
                  .put("content", record.path("source_text").asText()));
          messages.add(
              json.createObjectNode()
                  .put("role", "assistant")
                  .put("content", record.path("summary_markdown").asText()));
          lines.accept(line.toString());
        });
  }

  public Document load(String id) {
    return store
        .find(id)
        .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No pilot '" + id + "'"));
  }

  private Document move(Document pilot, PilotAction action, String actor, Document changes) {
    PilotState from = state(pilot);
    PilotState to = Workflow.next(from, action);
    if (!store.transition(
        pilot.getString("_id"), from, to, action, actor, changes, clock.instant())) {
      // another request moved the pilot meanwhile: refuse against its real state
      PilotState now = state(load(pilot.getString("_id")));
      throw new Workflow.ActionRefusedException(now, action, Workflow.allowed(now));
    }
    Counter.builder("pilot.transitions")
        .tag("action", action.name())
        .tag("to", to.name())
        .register(meters)
        .increment();
    return load(pilot.getString("_id"));
  }

  /** Starts a benchmark run on the pilot's dataset version and waits for its result. */
  private Document benchmark(Document pilot, String candidateModel, String judge) {
    ObjectNode request =
        json.createObjectNode()
            .put("scenario", pilot.getString("scenario"))
            .put("dataset_version", pilot.getString("dataset_version"))
            .put("judge", judge == null ? defaultJudge : judge);
    if (candidateModel != null) {
      request.put("candidate_model", candidateModel);
    }
    Services.Answer started = services.startRun(request);
    if (started.status() == 400 && started.body() != null) {
      throw new InvalidRequestException(
          started.body().path("field").asText("judge"),
          started.body().path("rule").asText("benchmark"),
          "the benchmark service refused the run: " + started.body().path("detail").asText());
    }
    if (started.status() != 202) {
      throw new IllegalStateException("the benchmark service answered HTTP " + started.status());
    }
    String runId = started.body().path("run_id").asText();
    Instant deadline = clock.instant().plus(runTimeout);
    while (true) {
      JsonNode run = services.run(runId).body();
      String status = run == null ? "UNKNOWN" : run.path("status").asText();
      if (status.equals("COMPLETED")) {
        Document summary =
            new Document("run_id", runId)
                .append("judge", run.path("judge").asText())
                .append(
                    "model",
                    candidateModel == null ? pilot.getString("baseline_model") : candidateModel)
                .append("outcome", run.path("outcome").asText());
        Document values = new Document();
        run.path("metrics")
            .forEach(m -> values.append(m.path("metric").asText(), m.path("value").asDouble()));
        return summary.append("metrics", values);
      }
      if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
        throw new IllegalStateException(
            "benchmark run "
                + runId
                + " ended "
                + status
                + ": "
                + (run == null ? "" : run.path("reason").asText()));
      }
      if (clock.instant().isAfter(deadline)) {
        throw new IllegalStateException(
            "benchmark run " + runId + " did not finish within " + runTimeout);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for run " + runId, e);
      }
    }
  }

  private JsonNode manifest(String dataset, String version, String field) {
    Services.Answer manifest = services.datasetManifest(dataset, version);
    if (manifest.status() == 404) {
      throw new InvalidRequestException(
          field,
          "exists",
          "the exporter has no "
              + (version == null ? "published version" : "version '" + version + "'")
              + " of "
              + dataset);
    }
    if (manifest.status() != 200 || manifest.body() == null) {
      throw new IllegalStateException(
          "the exporter answered HTTP " + manifest.status() + " for " + dataset);
    }
    return manifest.body();
  }

  /** SHA-256 over the parts' own SHA-256 values, in order: one number for the whole dataset. */
  private static String checksum(JsonNode manifest) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      manifest
          .path("parts")
          .forEach(
              part ->
                  digest.update(
                      part.path("sha256")
                          .asText()
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static Map<String, Double> metrics(Document run) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (run != null && run.get("metrics") instanceof Document metrics) {
      metrics.forEach((metric, value) -> values.put(metric, ((Number) value).doubleValue()));
    }
    return values;
  }

  private static List<String> runIds(Document pilot) {
    List<String> ids = new ArrayList<>();
    for (String key : List.of("baseline_run", "evaluation_run")) {
      Document run = pilot.get(key, Document.class);
      if (run != null) {
        ids.add(run.getString("run_id"));
      }
    }
    return ids;
  }

  private static List<Approvals.Approval> approvalsOf(Document pilot) {
    List<Approvals.Approval> approvals = new ArrayList<>();
    for (Document approval : pilot.getList("approvals", Document.class, List.of())) {
      approvals.add(
          new Approvals.Approval(
              Approvals.Role.valueOf(approval.getString("role")),
              approval.getString("person"),
              approval.getString("comment"),
              approval.getDate("at").toInstant()));
    }
    return approvals;
  }

  private void aliasChanged(String scenario, String alias) {
    Counter.builder("pilot.alias.changes")
        .tag("scenario", scenario)
        .tag("alias", alias)
        .register(meters)
        .increment();
  }

  private static PilotState state(Document pilot) {
    return PilotState.valueOf(pilot.getString("state"));
  }

  private static double countOrNaN(PilotStore store, PilotState state) {
    try {
      return store.count(state);
    } catch (RuntimeException mongoDown) {
      return Double.NaN;
    }
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field, "required", field + " is required");
    }
  }

  private static int positive(Integer value, int fallback, String field) {
    int chosen = value == null ? fallback : value;
    if (chosen < 1) {
      throw new InvalidRequestException(
          field, "range", field + " must be at least 1, was " + chosen);
    }
    return chosen;
  }
}
