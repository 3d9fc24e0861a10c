package io.butlerbench.pilot.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.pilot.clients.Services;
import io.butlerbench.pilot.decision.DecisionRule;
import io.butlerbench.pilot.decision.RunSummary;
import io.butlerbench.pilot.safety.PersonalDataFindings;
import io.butlerbench.pilot.safety.PersonalDataScanner;
import io.butlerbench.pilot.training.TrainingFile;
import io.butlerbench.pilot.training.TrainingProvider;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.problem.UpstreamException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
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
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/**
 * The governed pilot: each step checks the state machine, does its work through the exporter and
 * benchmark services, and records the transition in the audit trail.
 */
public class PilotService {
  /**
   * Limits of a training configuration: far above the pilot's (1 epoch, batch 4, 1,024 tokens), low
   * enough that a typo cannot order a job that runs for weeks.
   */
  static final int MAX_EPOCHS = 100;

  static final int MAX_BATCH_SIZE = 1024;
  static final int MAX_INPUT_TOKENS = 131_072;

  private final PilotStore store;
  private final AliasStore aliases;
  private final Services services;
  private final Map<String, String> scenarioDatasets;
  private final DecisionRule rule;
  private final String defaultJudge;
  private final String gitCommit;
  private final ObjectMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Transitions transitions;
  private final BenchmarkRuns runs;
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
      Duration claimTimeout,
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
    this.gitCommit = gitCommit;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
    this.transitions = new Transitions(store, clock, meters);
    this.runs =
        new BenchmarkRuns(store, services, transitions, json, clock, runTimeout, claimTimeout);
    for (PilotState state : PilotState.values()) {
      Gauge.builder("pilot.pilots", store, s -> countOrNaN(s, state))
          .description("Pilots per state")
          .tag("state", state.name())
          .register(meters);
    }
  }

  /** A new pilot in DRAFT; {@code initiator} is who creates it (the subject of their token). */
  public Document create(PilotRequest request, String initiator) {
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
    requireText(initiator, "initiator");
    PilotRequest.Training training =
        request.training() == null
            ? new PilotRequest.Training(null, null, null, null, null, null)
            : request.training();
    Document config =
        new Document("epochs", bounded(training.epochs(), 1, MAX_EPOCHS, "training.epochs"))
            .append(
                "batch_size",
                bounded(training.batchSize(), 4, MAX_BATCH_SIZE, "training.batch_size"))
            .append(
                "learning_rate", training.learningRate() == null ? 2e-5 : training.learningRate())
            .append("optimizer", training.optimizer() == null ? "AdamW" : training.optimizer())
            .append("seed", training.seed() == null ? 42L : training.seed())
            .append(
                "max_input_tokens",
                bounded(
                    training.maxInputTokens(),
                    1024,
                    MAX_INPUT_TOKENS,
                    "training.max_input_tokens"));
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
            .append("initiator", initiator)
            .append("git_commit", gitCommit)
            .append("state", PilotState.DRAFT.name())
            .append("approvals", List.of())
            .append("created_at", Date.from(now));
    store.create(pilot, initiator, now);
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
      throw new UpstreamException(
          "the exporter",
          new IOException(
              "it could not validate "
                  + dataset
                  + "/"
                  + version
                  + " (HTTP "
                  + schema.status()
                  + ")"));
    }
    // bounded: the first findings listed, all counted (a pilot is one MongoDB document)
    PersonalDataFindings findings = new PersonalDataFindings();
    long[] records = {0};
    services.forEachRecord(
        dataset,
        version,
        record -> {
          records[0]++;
          for (String field : List.of("source_text", "summary_markdown")) {
            for (PersonalDataScanner.Finding finding : scanner.scan(record.path(field).asText())) {
              findings.add(record.path("sample_id").asText(), field, finding);
            }
          }
        });
    JsonNode manifest = manifest(dataset, version, "dataset_version");
    long invalid = schema.body().path("invalid").asLong();
    Document validation =
        findings
            .appendTo(new Document("records_scanned", records[0]).append("schema_invalid", invalid))
            .append("dataset_checksum", checksum(manifest))
            .append("passed", invalid == 0 && !findings.any())
            .append("at", Date.from(clock.instant()));
    if (!validation.getBoolean("passed")) {
      if (!store.amend(
          id,
          state,
          PilotAction.VALIDATE,
          actor,
          new Document("validation", validation),
          clock.instant())) {
        throw transitions.refusedNow(id, PilotAction.VALIDATE);
      }
      return load(id);
    }
    return transitions.move(
        pilot, PilotAction.VALIDATE, actor, new Document("validation", validation));
  }

  /**
   * Claims the pilot (BASELINE_RUNNING), then starts the baseline run of the baseline model and
   * answers without waiting for it: the run poller records the baseline once the run completed
   * ({@link BenchmarkRuns}).
   */
  public Document recordBaseline(String id, String actor, String judge) {
    Document pilot = load(id);
    Workflow.claim(state(pilot), PilotAction.RECORD_BASELINE);
    Document claimed =
        transitions.claim(
            pilot,
            PilotAction.RECORD_BASELINE,
            actor,
            runs.requested(judgeFor(pilot, judge), null, pilot.getString("baseline_model")));
    return runs.startRequested(claimed, actor);
  }

  /** The role an approval is given in, as its body names it: 400 unless one of the two. */
  public static Approvals.Role approvalRole(String role) {
    try {
      return Approvals.Role.valueOf(role == null ? "" : role.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("role", "enum", "role must be ml_lead or operations_owner");
    }
  }

  /**
   * Appends one sign-off by {@code person} (the subject of their token) with one conditional
   * update; the one that completes the pair moves the pilot to APPROVED in the same update, so two
   * parallel approvals are both kept. The initiator approving, or a person approving in a second
   * role, is a 409 naming the rule; a role approved already is a 400.
   */
  public Document approve(String id, Approvals.Role role, String person, String comment) {
    // a lost update means another approval or a state change landed after the read: this approval
    // is judged again against what is there now (a taken role is then a 400, the same person in
    // the other role or a moved state a 409); at most two approvals and one state change can land,
    // so the loop ends
    while (true) {
      Document pilot = load(id);
      PilotState from = state(pilot);
      PilotState approved = Workflow.next(from, PilotAction.APPROVE);
      List<Approvals.Approval> given = approvalsOf(pilot);
      Approvals approvals = new Approvals(pilot.getString("initiator"), given);
      Approvals.Approval approval;
      try {
        approval = approvals.approve(role, person, comment, clock.instant());
      } catch (Approvals.Refused e) {
        if (e.rule().equals(Approvals.Refused.ROLE_TAKEN)) {
          throw new InvalidRequestException("role", e.rule(), e.getMessage());
        }
        throw new PilotConflictException(from, e.rule(), e.getMessage());
      }
      PilotState to = approvals.complete() ? approved : from;
      Document stored =
          new Document("role", approval.role().name())
              .append("person", approval.person())
              .append("comment", approval.comment())
              .append("at", Date.from(approval.at()));
      if (store.appendApproval(id, from, to, given.size(), stored, person, clock.instant())) {
        if (to != from) {
          transitions.counted(PilotAction.APPROVE, to);
        }
        return load(id);
      }
    }
  }

  /**
   * Submits training to the named provider ({@code openai} when a fine-tuning API is configured,
   * else {@code external}, by default). An OpenAI job is then followed by {@link
   * io.butlerbench.pilot.training.TrainingPoller}; an external one waits for an operator.
   */
  public Document startTraining(String id, String actor, String provider) {
    Document pilot = load(id);
    Workflow.claim(state(pilot), PilotAction.START_TRAINING);
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
    // the job is paid for: only the request that claimed the pilot submits it
    Document claimed =
        transitions.claim(
            pilot, PilotAction.START_TRAINING, actor, new Document("provider", chosen));
    Document job;
    try {
      job = training.submit(claimed, () -> trainingFile(claimed));
    } catch (IOException e) {
      // the provider failed, not the request (502, 504 when it timed out); back to APPROVED, asking
      // again is safe: the provider looks for a job this attempt may have left before paying anew
      UpstreamException failed = new UpstreamException("the " + chosen + " provider", e);
      transitions.release(claimed, actor, failed.getMessage());
      throw failed;
    } catch (RuntimeException e) {
      // the exporter failing as the training file is opened is the exporter's 502, not the
      // provider's
      transitions.release(
          claimed, actor, "the " + chosen + " provider got no job: " + e.getMessage());
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      transitions.release(claimed, actor, "interrupted while submitting the job");
      throw new IllegalStateException("interrupted while submitting the job", e);
    }
    job.append("submitted_at", Date.from(clock.instant()));
    return transitions.settle(
        claimed, PilotAction.START_TRAINING, PilotState.TRAINING, actor, new Document("job", job));
  }

  public Document registerTrainedModel(String id, String model, String actor) {
    requireText(model, "model");
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.COMPLETE_TRAINING);
    Document job =
        new Document(pilot.get("job", Document.class))
            .append("status", "succeeded")
            .append("trained_model", model);
    return transitions.move(
        pilot,
        PilotAction.COMPLETE_TRAINING,
        actor,
        new Document("job", job).append("trained_model", model));
  }

  /**
   * Claims the pilot (EVALUATING), then starts the evaluation run of the trained model and answers
   * without waiting for it; the run poller records the evaluation once the run completed.
   */
  public Document evaluate(String id, String actor, String judge) {
    Document pilot = load(id);
    Workflow.claim(state(pilot), PilotAction.EVALUATE);
    String trained = pilot.getString("trained_model");
    Document claimed =
        transitions.claim(
            pilot,
            PilotAction.EVALUATE,
            actor,
            runs.requested(judgeFor(pilot, judge), trained, trained));
    return runs.startRequested(claimed, actor);
  }

  /** One round of the run poller over the pilots waiting for benchmark runs. */
  public int pollRuns() {
    return runs.pollOnce();
  }

  /**
   * The rule proposes; a person who read 5 samples of the evaluation run confirms go or no-go with
   * a reason. The samples must be ones the benchmark served to this person ({@code actor}, the
   * subject of their token): each is recorded with when they fetched it.
   */
  public Document decide(
      String id, String actor, Boolean go, String reason, List<String> samplesRead) {
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.DECIDE);
    requireText(actor, "actor");
    requireText(reason, "reason");
    if (go == null) {
      throw new InvalidRequestException("go", "required", "go (true or false) is required");
    }
    List<String> samples =
        samplesRead == null ? List.of() : samplesRead.stream().distinct().toList();
    if (samples.size() != 5 || samples.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new InvalidRequestException(
          "samples_read",
          "count",
          "name the 5 different samples of the evaluation run you read (their sample_id)");
    }
    DecisionRule.Decision proposal =
        rule.decide(
            RunSummary.fromStored(pilot.get("baseline_run", Document.class)),
            RunSummary.fromStored(pilot.get("evaluation_run", Document.class)));
    if (go && !proposal.go() && !proposal.overridable()) {
      throw new InvalidRequestException(
          "go",
          proposal.decidedBy(),
          "go cannot be confirmed: the rule "
              + proposal.decidedBy()
              + " found the baseline and the evaluation not comparable or not conclusive, so"
              + " no metric supports a go; decide no-go (then reject), or start a new pilot"
              + " whose runs match. Checks: "
              + String.join("; ", proposal.checks()));
    }
    List<Document> read = readBy(pilot, actor, samples);
    Document decision =
        new Document("proposal", proposal.go() ? "go" : "no-go")
            .append("decided_by_rule", proposal.decidedBy())
            .append("checks", proposal.checks())
            .append("go", go)
            .append("by", actor)
            .append("reason", reason)
            .append("samples_read", read)
            .append("overrides_rule", go != proposal.go())
            .append("overridable", proposal.overridable())
            .append("at", Date.from(clock.instant()));
    return transitions.move(pilot, PilotAction.DECIDE, actor, new Document("decision", decision));
  }

  /**
   * Each of {@code samples} with when {@code subject} first fetched it from the pilot's evaluation
   * run, as the benchmark recorded it when it served the sample. A sample they did not fetch is a
   * 400 naming it; a benchmark that cannot say is a 502: never taken on trust.
   */
  private List<Document> readBy(Document pilot, String subject, List<String> samples) {
    Document evaluation = pilot.get("evaluation_run", Document.class);
    String runId = evaluation == null ? null : evaluation.getString("run_id");
    if (runId == null) {
      throw new PilotConflictException(
          state(pilot), "evaluation-run", "the pilot records no evaluation run to read from");
    }
    Map<String, Instant> fetched = new LinkedHashMap<>();
    for (Services.Read read : services.samplesRead(runId, subject)) {
      // the benchmark answers this subject's reads; anyone else's are not this person reading
      if (subject.equals(read.subject())) {
        fetched.merge(read.sampleId(), read.at(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    List<String> unread = samples.stream().filter(s -> !fetched.containsKey(s)).toList();
    if (!unread.isEmpty()) {
      throw new InvalidRequestException(
          "samples_read",
          "not-read",
          subject
              + " has not fetched "
              + unread
              + " from evaluation run "
              + runId
              + ": read each sample on the benchmark (GET /runs/"
              + runId
              + "/samples/{sample_id}) with your own token, then decide");
    }
    return samples.stream()
        .map(
            sample ->
                new Document("sample_id", sample).append("read_at", Date.from(fetched.get(sample))))
        .toList();
  }

  /**
   * Moves champion to the trained model and challenger to the baseline model, after claiming the
   * pilot (PROMOTING): a rejection racing the promotion either wins before any alias moves or is
   * refused.
   */
  public Document promote(String id, String actor, String reason) {
    Document pilot = load(id);
    Workflow.claim(state(pilot), PilotAction.PROMOTE);
    Document decision = pilot.get("decision", Document.class);
    if (decision == null || !decision.getBoolean("go")) {
      throw new Workflow.ActionRefusedException(
          state(pilot), PilotAction.PROMOTE, java.util.Set.of(PilotAction.REJECT));
    }
    requireText(reason, "reason");
    return finishPromotion(
        transitions.claim(pilot, PilotAction.PROMOTE, actor, new Document("reason", reason)),
        actor);
  }

  /**
   * The alias moves of a claimed promotion, each at most once per pilot (recovery may finish a
   * promotion that died half-way), then PROMOTED.
   */
  Document finishPromotion(Document claimed, String actor) {
    Document claim = claimed.get("claim", Document.class);
    Instant now = clock.instant();
    moveOnce(claimed, AliasStore.CHAMPION, claimed.getString("trained_model"), claim, now);
    moveOnce(claimed, AliasStore.CHALLENGER, claimed.getString("baseline_model"), claim, now);
    return transitions.settle(
        claimed,
        PilotAction.PROMOTE,
        PilotState.PROMOTED,
        actor,
        new Document("promoted_at", Date.from(now)));
  }

  public Document reject(String id, String actor, String reason) {
    requireText(reason, "reason");
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.REJECT);
    return transitions.move(
        pilot,
        PilotAction.REJECT,
        actor,
        new Document("rejection", new Document("by", actor).append("reason", reason)));
  }

  /**
   * Points {@code champion} back to the baseline model, only while it still names this pilot's
   * model (409 otherwise: a newer promotion is not undone by rolling back an older one), and starts
   * a run to confirm recovery.
   */
  public Document rollBack(String id, String actor, String reason, String judge) {
    requireText(reason, "reason");
    Document pilot = load(id);
    Workflow.claim(state(pilot), PilotAction.ROLL_BACK);
    Document claimed =
        transitions.claim(
            pilot,
            PilotAction.ROLL_BACK,
            actor,
            new Document("reason", reason).append("judge", judge));
    String scenario = claimed.getString("scenario");
    String trained = claimed.getString("trained_model");
    Optional<Document> moved =
        aliases.moveIf(
            new AliasStore.Move(
                scenario,
                AliasStore.CHAMPION,
                claimed.getString("baseline_model"),
                actor,
                reason,
                id,
                PilotAction.ROLL_BACK.name(),
                runIds(claimed),
                clock.instant()),
            current ->
                id.equals(current.getString("pilot_id"))
                    && trained.equals(current.getString("model")));
    if (moved.isEmpty()) {
      Document current = aliases.latest(scenario, AliasStore.CHAMPION).orElseGet(Document::new);
      String detail =
          "champion of "
              + scenario
              + " now names "
              + current.getString("model")
              + " (pilot "
              + current.getString("pilot_id")
              + "), not this pilot's "
              + trained
              + ": rolling back would overwrite a newer choice; nothing was changed";
      transitions.release(claimed, actor, detail);
      throw new PilotConflictException(PilotState.PROMOTED, "champion-moved", detail);
    }
    aliasChanged(scenario, AliasStore.CHAMPION);
    return finishRollback(claimed, actor);
  }

  /**
   * Settles a claimed rollback whose alias move is done (ROLLED_BACK: champion names the baseline
   * model again), with its recovery run pending, then starts that run; the run poller records it
   * once it ended. The pilot is settled before the run is asked for, so a process that dies between
   * the two leaves a pending run without an id (given up after pilot.claim-timeout), never a second
   * run. A recovery run that cannot be had is recorded with its reason: the rollback happened and
   * an operator starts the run by hand.
   */
  Document finishRollback(Document claimed, String actor) {
    Document claim = claimed.get("claim", Document.class);
    Document recovery =
        runs.requested(
                judgeFor(claimed, claim.getString("judge")),
                null,
                claimed.getString("baseline_model"))
            .append("pending", true);
    Document rolledBack =
        transitions.settle(
            claimed,
            PilotAction.ROLL_BACK,
            PilotState.ROLLED_BACK,
            actor,
            new Document(
                "rollback",
                new Document("by", claim.getString("by"))
                    .append("reason", claim.getString("reason"))
                    .append("recovery_run", recovery)));
    return runs.startRequested(rolledBack, actor);
  }

  public Document fail(String id, String actor, String reason) {
    requireText(reason, "reason");
    Document pilot = load(id);
    Workflow.next(state(pilot), PilotAction.FAIL);
    return transitions.move(pilot, PilotAction.FAIL, actor, new Document("failure", reason));
  }

  /**
   * The pilot whose training file may leave the service: its validation passed (no schema error, no
   * personal data) and both roles approved it. 409 naming the state otherwise.
   */
  public Document releasedForTraining(String id) {
    Document pilot = load(id);
    Document validation = pilot.get("validation", Document.class);
    boolean validated = validation != null && Boolean.TRUE.equals(validation.getBoolean("passed"));
    Approvals approvals = new Approvals(pilot.getString("initiator"), approvalsOf(pilot));
    if (!validated || !approvals.complete()) {
      throw new PilotConflictException(
          state(pilot),
          "validated-and-approved",
          "the training file is served only for a pilot whose validation passed and that both"
              + " roles approved; this one is "
              + state(pilot)
              + (validated
                  ? ""
                  : validation == null ? ", not validated" : ", its validation did not pass")
              + ", approved by "
              + (approvals.given().isEmpty()
                  ? "nobody"
                  : approvals.given().stream().map(a -> a.role().name()).toList()));
    }
    return pilot;
  }

  /**
   * Chat-formatted JSONL for fine-tuning (source text in, the reference summary out), opened as a
   * stream: made from the dataset's records as they are read, one record in memory at a time. The
   * exporter is asked here, so that it failing is known before anything is sent; close the stream.
   */
  public TrainingFile trainingFile(Document pilot) {
    return new TrainingFile(
        services.openRecords(pilot.getString("dataset_id"), pilot.getString("dataset_version")),
        json);
  }

  public Document load(String id) {
    return transitions.load(id);
  }

  /** How recovery settles the claims this service's steps make. */
  Transitions transitions() {
    return transitions;
  }

  /** A step's alias move, unless a previous attempt of the same step already made it. */
  private void moveOnce(Document pilot, String alias, String model, Document claim, Instant at) {
    String scenario = pilot.getString("scenario");
    String id = pilot.getString("_id");
    String action = claim.getString("action");
    if (aliases.moved(scenario, alias, id, action)) {
      return;
    }
    aliases.move(
        new AliasStore.Move(
            scenario,
            alias,
            model,
            claim.getString("by"),
            claim.getString("reason"),
            id,
            action,
            runIds(pilot),
            at));
    aliasChanged(scenario, alias);
  }

  /**
   * The judge of a run: the one asked for, else the baseline's, so that the runs of a pilot are
   * judged alike unless someone asks otherwise (the decision rule then refuses to compare them).
   */
  private String judgeFor(Document pilot, String requested) {
    if (requested != null) {
      return requested;
    }
    Document baseline = pilot.get("baseline_run", Document.class);
    String judge = baseline == null ? null : baseline.getString("judge");
    return judge == null ? defaultJudge : judge;
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
      throw new UpstreamException(
          "the exporter",
          new IOException("it answered HTTP " + manifest.status() + " for " + dataset));
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

  private static int bounded(Integer value, int fallback, int max, String field) {
    int chosen = value == null ? fallback : value;
    if (chosen < 1 || chosen > max) {
      throw new InvalidRequestException(
          field, "range", field + " must be within 1-" + max + ", was " + chosen);
    }
    return chosen;
  }
}
