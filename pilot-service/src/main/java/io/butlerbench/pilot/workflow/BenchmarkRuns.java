package io.butlerbench.pilot.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.contracts.run.RunStatus;
import io.butlerbench.pilot.clients.RunRequest;
import io.butlerbench.pilot.clients.Services;
import io.butlerbench.pilot.clients.UpstreamAnswer;
import io.butlerbench.pilot.decision.RunSummary;
import io.butlerbench.service.logging.WorkLog;
import io.butlerbench.service.problem.InvalidRequestException;
import jakarta.ws.rs.WebApplicationException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The benchmark runs a pilot waits for: baseline and evaluation (the pilot claimed in
 * BASELINE_RUNNING or EVALUATING, the run on its claim) and the recovery run of a rollback (on
 * {@code rollback.recovery_run} of the ROLLED_BACK pilot). See {@link PendingRun}.
 *
 * <p>The request that claimed the pilot makes the first start attempt (one {@code POST /runs}) and
 * answers at once; it never waits for the run. The pilot claims first and starts the run second, so
 * a request racing it is refused before any run is started, and a run is only started for a pilot
 * that waits for it. {@link #pollOnce} (the scheduled run poller, on every instance) then follows
 * each pending run and moves its pilot on with one conditional update:
 *
 * <ul>
 *   <li>run COMPLETED: its summary is recorded (BASELINE_RECORDED, EVALUATED; the recovery run
 *       replaces the pending one);
 *   <li>run ended otherwise (FAILED, INTERRUPTED), or unknown to the benchmark (404): the claim is
 *       released back to where it came from (VALIDATED, TRAINED) with the benchmark's reason in
 *       {@code released_claim}, to be asked again; a recovery run records the error;
 *   <li>QUEUED or RUNNING, or the benchmark service unreachable, 5xx or 429: nothing, the next tick
 *       asks again;
 *   <li>a start attempt that met a transient error: the next tick starts the run again (of two
 *       instances, the one that takes the attempt by compare-and-set);
 *   <li>a start attempt without any outcome after {@code pilot.claim-timeout}: the process died
 *       between asking for the run and recording its id; whether the benchmark started one cannot
 *       be known, so it is not asked again (which could start a second, unfollowed run): the claim
 *       is released, saying so;
 *   <li>nothing ended after {@code pilot.run-timeout} since the step was asked for: the pilot stops
 *       waiting (the benchmark's own run deadline normally ends the run first).
 * </ul>
 */
public class BenchmarkRuns {
  private static final Logger LOG = Logger.getLogger(BenchmarkRuns.class);

  /** Who moves a pilot on when its run ended. */
  public static final String ACTOR = "benchmark-run-poller";

  private final PilotStore store;
  private final Services services;
  private final Transitions transitions;
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration runTimeout;
  private final Duration claimTimeout;

  BenchmarkRuns(
      PilotStore store,
      Services services,
      Transitions transitions,
      ObjectMapper json,
      Clock clock,
      Duration runTimeout,
      Duration claimTimeout) {
    this.store = store;
    this.services = services;
    this.transitions = transitions;
    this.json = json;
    this.clock = clock;
    this.runTimeout = runTimeout;
    this.claimTimeout = claimTimeout;
  }

  /**
   * The fields of a run to ask for, kept on the claim or the rollback: attempt 1 is taken by the
   * request that records them.
   */
  Document requested(String judge, String candidateModel, String model) {
    Date now = Date.from(clock.instant());
    Document run = new Document("judge", judge);
    if (candidateModel != null) {
      run.append("candidate_model", candidateModel);
    }
    return run.append("model", model)
        .append("requested_at", now)
        .append("attempts", 1)
        .append("attempt_at", now);
  }

  /**
   * Makes the first start attempt of the run {@code pilot} now waits for, and answers the pilot as
   * this request left it (the poller may move it on at any moment after): with the run's id, or
   * with a transient {@code start_error} that the poller retries. A refusal releases the claim back
   * and is the caller's: 400 naming the benchmark's field, 502 for any other answer. A recovery run
   * that is refused records the refusal (the rollback stands).
   */
  Document startRequested(Document pilot, String actor) {
    PendingRun run = PendingRun.of(pilot).orElseThrow();
    Start start = start(run, actor);
    if (start instanceof Refused refused) {
      if (run.isRecovery()) {
        end(run, null, refused.reason());
        return transitions.load(run.id());
      }
      transitions.tryRelease(pilot, actor, refused.reason());
      throw refused.toException();
    }
    return run.pilot();
  }

  /** One round over the pilots waiting for runs; returns how many moved on. */
  public int pollOnce() {
    int moved = 0;
    for (Document pilot : store.waitingForRuns()) {
      Object previous = WorkLog.enter(WorkLog.PILOT_ID, pilot.getString("_id"));
      try {
        if (follow(pilot)) {
          moved++;
        }
      } catch (RuntimeException e) {
        // MongoDB or the benchmark service away: this pilot waits for the next round
        LOG.warnf(
            "could not follow the benchmark run of pilot %s (will retry): %s",
            pilot.getString("_id"), e.getMessage());
      } finally {
        WorkLog.leave(WorkLog.PILOT_ID, previous);
      }
    }
    return moved;
  }

  private boolean follow(Document pilot) {
    Optional<PendingRun> found = PendingRun.of(pilot);
    if (found.isEmpty()) {
      return false;
    }
    PendingRun run = found.get();
    Instant now = clock.instant();
    boolean overdue = run.requestedAt().plus(runTimeout).isBefore(now);
    if (run.runId() != null) {
      return poll(run, overdue);
    }
    Document error = run.startError();
    if (error != null) {
      if (overdue) {
        return end(
            run,
            null,
            "no benchmark run could be started within pilot.run-timeout ("
                + runTimeout
                + "); the last attempt: "
                + error.getString("reason"));
      }
      if (!store.takeStartAttempt(run, now)) {
        return false;
      }
      Optional<PendingRun> taken = PendingRun.of(transitions.load(run.id()));
      if (taken.isEmpty()) {
        return false;
      }
      Start start = start(taken.get(), ACTOR);
      return start instanceof Refused refused
          ? end(taken.get(), null, refused.reason())
          : start instanceof Started;
    }
    if (run.attemptAt().plus(claimTimeout).isBefore(now)) {
      return end(
          run,
          null,
          "the service stopped while it asked the benchmark service for the run (attempt "
              + run.attempts()
              + " at "
              + run.attemptAt()
              + "); a run it may have started there is not followed: ask again");
    }
    // an attempt under way, by a request or another instance's poller
    return false;
  }

  private boolean poll(PendingRun run, boolean overdue) {
    String runId = run.runId();
    Optional<io.butlerbench.contracts.run.RunSummary> answer;
    try {
      answer = services.run(runId);
    } catch (UncheckedIOException e) {
      return waitOrGiveUp(
          run, overdue, "the benchmark service could not be reached: " + e.getCause().getMessage());
    } catch (UpstreamAnswer e) {
      return waitOrGiveUp(
          run,
          overdue,
          "the benchmark service answered HTTP " + e.status() + detail(problem(e.body())));
    }
    if (answer.isEmpty()) {
      return end(
          run, runId, "benchmark run " + runId + " is unknown to the benchmark service (HTTP 404)");
    }
    io.butlerbench.contracts.run.RunSummary benchmark = answer.get();
    RunStatus status = benchmark.status();
    if (status == RunStatus.COMPLETED) {
      return complete(run, summary(run, benchmark));
    }
    if (status == RunStatus.QUEUED || status == RunStatus.RUNNING) {
      return waitOrGiveUp(run, overdue, "the run is still " + status);
    }
    return end(
        run,
        runId,
        "benchmark run "
            + runId
            + " ended "
            + (status == null ? "without a status" : status)
            + ": "
            + (benchmark.reason() == null ? "no reason given" : benchmark.reason()));
  }

  /** A run not ended yet, or not readable now: waited for, until pilot.run-timeout. */
  private boolean waitOrGiveUp(PendingRun run, boolean overdue, String now) {
    if (!overdue) {
      LOG.debugf("pilot %s waits for benchmark run %s: %s", run.id(), run.runId(), now);
      return false;
    }
    return end(
        run,
        run.runId(),
        "benchmark run "
            + run.runId()
            + " did not end within pilot.run-timeout ("
            + runTimeout
            + "): "
            + now
            + "; the pilot no longer waits for it");
  }

  private Document summary(PendingRun run, io.butlerbench.contracts.run.RunSummary benchmark) {
    Document summary =
        RunSummary.fromBenchmark(benchmark, run.run().getString("model")).toDocument();
    if (summary.getString("run_id") == null) {
      summary.put("run_id", run.runId());
    }
    return summary;
  }

  /** The run completed: its summary is recorded and the pilot moves on. */
  private boolean complete(PendingRun run, Document summary) {
    if (run.isRecovery()) {
      return store.recoveryRunEnded(run, summary, ACTOR, clock.instant());
    }
    PilotState from = PilotState.valueOf(run.run().getString("from"));
    String field = run.action() == PilotAction.RECORD_BASELINE ? "baseline_run" : "evaluation_run";
    return transitions
        .trySettle(
            run.pilot(),
            run.action(),
            Workflow.next(from, run.action()),
            ACTOR,
            new Document(field, summary))
        .isPresent();
  }

  /**
   * The run ended without a result, or cannot be had: the claim goes back to where it came from
   * with the reason; a recovery run records the reason as its error.
   */
  private boolean end(PendingRun run, String runId, String reason) {
    boolean ended;
    if (run.isRecovery()) {
      Document error =
          new Document("judge", run.run().getString("judge"))
              .append("model", run.run().getString("model"))
              .append("error", reason)
              .append("at", Date.from(clock.instant()));
      if (runId != null) {
        error.append("run_id", runId);
      }
      ended = store.recoveryRunEnded(run, error, ACTOR, clock.instant());
    } else {
      ended = transitions.tryRelease(run.pilot(), ACTOR, reason).isPresent();
    }
    if (ended) {
      LOG.warnf("pilot %s no longer waits for its %s run: %s", run.id(), run.action(), reason);
    }
    return ended;
  }

  /**
   * The current start attempt of {@code run}: one {@code POST /runs}, then its outcome recorded by
   * one conditional update on the attempt (the run id, or the transient error to retry).
   */
  private Start start(PendingRun run, String actor) {
    RestResponse<io.butlerbench.contracts.run.RunSummary> answer;
    try {
      answer = services.startRun(request(run));
    } catch (UncheckedIOException e) {
      return retryLater(
          run, "the benchmark service could not be reached: " + e.getCause().getMessage());
    } catch (UpstreamAnswer e) {
      Problem problem = problem(e.body());
      if (e.transientFailure()) {
        return retryLater(
            run, "the benchmark service answered HTTP " + e.status() + detail(problem));
      }
      return new Refused(e.status(), problem);
    }
    io.butlerbench.contracts.run.RunSummary started = answer.getEntity();
    if (answer.getStatus() != 202 || started == null || started.runId() == null) {
      return new Refused(answer.getStatus(), Problem.NONE);
    }
    String runId = started.runId();
    Instant now = clock.instant();
    if (!store.runStarted(run, runId, actor, now)) {
      LOG.warnf(
          "benchmark run %s was started for pilot %s, which no longer waits for it",
          runId, run.id());
    }
    // the pilot as read, as this attempt left it
    run.run().append("run_id", runId).append("run_started_at", Date.from(now));
    return new Started(runId);
  }

  private Start retryLater(PendingRun run, String reason) {
    LOG.warnf(
        "could not start the %s run of pilot %s (attempt %d, will retry): %s",
        run.action(), run.id(), run.attempts(), reason);
    Date now = Date.from(clock.instant());
    store.startFailed(run, reason, now.toInstant());
    run.run().append("start_error", new Document("reason", reason).append("at", now));
    return new Retried(reason);
  }

  private static RunRequest request(PendingRun run) {
    Document fields = run.run();
    return new RunRequest(
        run.pilot().getString("scenario"),
        run.pilot().getString("dataset_version"),
        fields.getString("judge"),
        fields.getString("candidate_model"));
  }

  /** The problem the benchmark answered with, what of it can be read. */
  private Problem problem(String body) {
    try {
      Problem problem = json.readValue(body, Problem.class);
      return problem == null ? Problem.NONE : problem;
    } catch (java.io.IOException | RuntimeException notAProblem) {
      return Problem.NONE;
    }
  }

  private static String detail(Problem problem) {
    return problem.detail() == null || problem.detail().isBlank() ? "" : ": " + problem.detail();
  }

  /** What the pilot reads of a problem+json answer of the benchmark. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  @io.quarkus.runtime.annotations.RegisterForReflection
  record Problem(String field, String rule, String detail) {
    static final Problem NONE = new Problem(null, null, null);
  }

  /** How a start attempt went. */
  private sealed interface Start permits Started, Retried, Refused {}

  private record Started(String runId) implements Start {}

  /** A transient error, recorded for the poller to try again. */
  private record Retried(String reason) implements Start {}

  /** An answer that asking again would not change (a 400 names the field). */
  private record Refused(int status, Problem problem) implements Start {
    String reason() {
      return "the benchmark service refused the run (HTTP "
          + status
          + (problem.field() != null ? ", field " + problem.field() : "")
          + ")"
          + detail(problem);
    }

    RuntimeException toException() {
      if (status == 400 && !problem.equals(Problem.NONE)) {
        return new InvalidRequestException(
            problem.field() == null ? "judge" : problem.field(),
            problem.rule() == null ? "benchmark" : problem.rule(),
            "the benchmark service refused the run: "
                + (problem.detail() == null ? "" : problem.detail()));
      }
      return new WebApplicationException(reason(), 502);
    }
  }
}
