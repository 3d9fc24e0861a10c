package io.butlerbench.pilot.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.pilot.clients.Services;
import io.butlerbench.pilot.decision.DecisionRule;
import io.butlerbench.pilot.training.TrainingFile;
import io.butlerbench.pilot.training.TrainingProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The governed pilot: each step (its own class) checks the state machine ({@link Workflow}), does
 * its work through the exporter and benchmark services, and records the transition with its audit
 * entry ({@link Transitions}, {@link PilotStore}). This is the one entry point the API, the pollers
 * and the recovery use.
 */
public class PilotService {
  private final Transitions transitions;
  private final BenchmarkRuns runs;
  private final PilotCreation creation;
  private final DatasetCheck datasetCheck;
  private final SignOffs signOffs;
  private final RunSteps runSteps;
  private final TrainingSubmission training;
  private final Deciding deciding;
  private final Promotion promotion;

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
    this.transitions = new Transitions(store, clock, meters);
    this.runs =
        new BenchmarkRuns(store, services, transitions, json, clock, runTimeout, claimTimeout);
    this.creation = new PilotCreation(store, services, scenarioDatasets, gitCommit, clock);
    this.datasetCheck = new DatasetCheck(store, services, transitions, clock);
    this.signOffs = new SignOffs(store, transitions, clock);
    this.runSteps = new RunSteps(transitions, runs, defaultJudge);
    this.training = new TrainingSubmission(services, transitions, json, clock, providers);
    this.deciding = new Deciding(services, transitions, rule, clock);
    this.promotion =
        new Promotion(aliases, new AliasMoves(aliases, meters), transitions, runSteps, runs, clock);
    for (PilotState state : PilotState.values()) {
      Gauge.builder("pilot.pilots", store, s -> countOrNaN(s, state))
          .description("Pilots per state")
          .tag("state", state.name())
          .register(meters);
    }
  }

  /** A new pilot in DRAFT; {@code initiator} is who creates it (the subject of their token). */
  public Document create(PilotRequest request, String initiator) {
    return creation.create(request, initiator);
  }

  /** See {@link DatasetCheck}. */
  public Document validate(String id, String actor) {
    return datasetCheck.validate(id, actor);
  }

  /** See {@link RunSteps#recordBaseline}. */
  public Document recordBaseline(String id, String actor, String judge) {
    return runSteps.recordBaseline(id, actor, judge);
  }

  /** See {@link SignOffs#approve}. */
  public Document approve(String id, Approvals.Role role, String person, String comment) {
    return signOffs.approve(id, role, person, comment);
  }

  /** See {@link TrainingSubmission#startTraining}. */
  public Document startTraining(String id, String actor, String provider) {
    return training.startTraining(id, actor, provider);
  }

  public Document registerTrainedModel(String id, String model, String actor) {
    return training.registerTrainedModel(id, model, actor);
  }

  /** See {@link RunSteps#evaluate}. */
  public Document evaluate(String id, String actor, String judge) {
    return runSteps.evaluate(id, actor, judge);
  }

  /** One round of the run poller over the pilots waiting for benchmark runs. */
  public int pollRuns() {
    return runs.pollOnce();
  }

  /** See {@link Deciding#decide}. */
  public Document decide(
      String id, String actor, Boolean go, String reason, List<String> samplesRead) {
    return deciding.decide(id, actor, go, reason, samplesRead);
  }

  /** See {@link Promotion#promote}. */
  public Document promote(String id, String actor, String reason) {
    return promotion.promote(id, actor, reason);
  }

  Document finishPromotion(Document claimed, String actor) {
    return promotion.finishPromotion(claimed, actor);
  }

  public Document reject(String id, String actor, String reason) {
    return deciding.reject(id, actor, reason);
  }

  /** See {@link Promotion#rollBack}. */
  public Document rollBack(String id, String actor, String reason, String judge) {
    return promotion.rollBack(id, actor, reason, judge);
  }

  Document finishRollback(Document claimed, String actor) {
    return promotion.finishRollback(claimed, actor);
  }

  public Document fail(String id, String actor, String reason) {
    Steps.requireText(reason, "reason");
    Document pilot = transitions.load(id);
    Workflow.next(Steps.state(pilot), PilotAction.FAIL);
    return transitions.move(pilot, PilotAction.FAIL, actor, new Document("failure", reason));
  }

  /** See {@link SignOffs#releasedForTraining}. */
  public Document releasedForTraining(String id) {
    return signOffs.releasedForTraining(id);
  }

  /** See {@link TrainingSubmission#trainingFile}. */
  public TrainingFile trainingFile(Document pilot) {
    return training.trainingFile(pilot);
  }

  public Document load(String id) {
    return transitions.load(id);
  }

  /** How recovery settles the claims this service's steps make. */
  Transitions transitions() {
    return transitions;
  }

  private static double countOrNaN(PilotStore store, PilotState state) {
    try {
      return store.count(state);
    } catch (RuntimeException mongoDown) {
      return Double.NaN;
    }
  }
}
