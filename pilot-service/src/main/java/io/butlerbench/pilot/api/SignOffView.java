package io.butlerbench.pilot.api;

import java.util.List;

/**
 * What the sign-off report template lays out, every value already formatted, so that the template
 * holds no logic. {@code safetyChecks}, {@code comparison} and {@code decision} are null while the
 * pilot has not reached that step.
 */
public record SignOffView(
    String pilotId,
    List<Field> plan,
    List<Field> configuration,
    List<Field> safetyChecks,
    Comparison comparison,
    List<Approval> approvals,
    Decision decision,
    List<AliasChange> aliasChanges,
    List<AuditRow> audit) {

  /** A named value, one bullet. */
  public record Field(String name, String value) {}

  /** The baseline's metrics against the candidate's; {@code candidateRun} is null before it. */
  public record Comparison(List<MetricRow> metrics, String baselineRun, String candidateRun) {}

  /** One metric: both values and the delta, formatted ("n/a" or empty where there is none). */
  public record MetricRow(String metric, String baseline, String candidate, String delta) {}

  /** An approval; {@code comment} is null when none was given. */
  public record Approval(String role, String person, String at, String comment) {}

  /** The rule's proposal and the confirmed decision. */
  public record Decision(
      String proposal,
      String rule,
      List<String> checks,
      String verdict,
      String by,
      String reason,
      List<SampleRead> samplesRead) {}

  /**
   * A sample read before deciding; {@code readAt} is null when the decider only named it (decided
   * before reads were recorded), so it is not checked.
   */
  public record SampleRead(String sampleId, String readAt) {}

  /** A move of a model alias. */
  public record AliasChange(String at, String alias, String model, String by, String reason) {}

  /** An audit entry, one table row. */
  public record AuditRow(String at, String actor, String action, String from, String to) {}
}
