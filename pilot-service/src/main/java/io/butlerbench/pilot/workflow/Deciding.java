package io.butlerbench.pilot.workflow;

import io.butlerbench.pilot.clients.SampleRead;
import io.butlerbench.pilot.clients.Services;
import io.butlerbench.pilot.decision.DecisionRule;
import io.butlerbench.pilot.decision.RunSummary;
import io.butlerbench.service.problem.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The go/no-go: the rule proposes, a person who read 5 samples of the evaluation run confirms or
 * overrides it with a reason; a DECIDED pilot may then be rejected.
 */
final class Deciding {
  private final Services services;
  private final Transitions transitions;
  private final DecisionRule rule;
  private final Clock clock;

  Deciding(Services services, Transitions transitions, DecisionRule rule, Clock clock) {
    this.services = services;
    this.transitions = transitions;
    this.rule = rule;
    this.clock = clock;
  }

  /**
   * The rule proposes; a person who read 5 samples of the evaluation run confirms go or no-go with
   * a reason. The samples must be ones the benchmark served to this person ({@code actor}, the
   * subject of their token): each is recorded with when they fetched it.
   */
  Document decide(String id, String actor, Boolean go, String reason, List<String> samplesRead) {
    Document pilot = transitions.load(id);
    Workflow.next(Steps.state(pilot), PilotAction.DECIDE);
    Steps.requireText(actor, "actor");
    Steps.requireText(reason, "reason");
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
          Steps.state(pilot), "evaluation-run", "the pilot records no evaluation run to read from");
    }
    Map<String, Instant> fetched = new LinkedHashMap<>();
    for (SampleRead read : services.samplesRead(runId, subject)) {
      // the benchmark answers this subject's reads; anyone else's are not this person reading
      if (subject.equals(read.subject())) {
        fetched.merge(read.sampleId(), read.readAt(), (a, b) -> a.isBefore(b) ? a : b);
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

  Document reject(String id, String actor, String reason) {
    Steps.requireText(reason, "reason");
    Document pilot = transitions.load(id);
    Workflow.next(Steps.state(pilot), PilotAction.REJECT);
    return transitions.move(
        pilot,
        PilotAction.REJECT,
        actor,
        new Document("rejection", new Document("by", actor).append("reason", reason)));
  }
}
