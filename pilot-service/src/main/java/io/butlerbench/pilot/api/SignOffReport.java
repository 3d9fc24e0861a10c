package io.butlerbench.pilot.api;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * The sign-off report of a pilot, in Markdown, from what the pilot and its audit recorded. The
 * values are prepared here ({@link SignOffView}); the template {@code
 * templates/SignOffReport/report.txt} lays them out.
 */
final class SignOffReport {
  private SignOffReport() {}

  @CheckedTemplate
  static class Templates {
    private Templates() {}

    static native TemplateInstance report(SignOffView view);
  }

  static String markdown(Document pilot, List<Document> aliasChanges, List<Document> audit) {
    return Templates.report(view(pilot, aliasChanges, audit)).render();
  }

  static SignOffView view(Document pilot, List<Document> aliasChanges, List<Document> audit) {
    Document validation = pilot.get("validation", Document.class);
    return new SignOffView(
        String.valueOf(pilot.getString("pilot_id")),
        plan(pilot, validation),
        configuration(pilot),
        validation == null ? null : safetyChecks(validation),
        comparison(pilot),
        pilot.getList("approvals", Document.class, List.of()).stream()
            .map(
                approval ->
                    new SignOffView.Approval(
                        String.valueOf(approval.getString("role")),
                        String.valueOf(approval.getString("person")),
                        approval.getDate("at").toInstant().toString(),
                        approval.getString("comment")))
            .toList(),
        decision(pilot.get("decision", Document.class)),
        aliasChanges.stream()
            .map(
                change ->
                    new SignOffView.AliasChange(
                        change.getDate("at").toInstant().toString(),
                        String.valueOf(change.getString("alias")),
                        String.valueOf(change.getString("model")),
                        String.valueOf(change.getString("by")),
                        String.valueOf(change.getString("reason"))))
            .toList(),
        audit.stream()
            .map(
                entry ->
                    new SignOffView.AuditRow(
                        entry.getDate("at").toInstant().toString(),
                        String.valueOf(entry.getString("actor")),
                        String.valueOf(entry.getString("action")),
                        String.valueOf(entry.getString("from")),
                        String.valueOf(entry.getString("to"))))
            .toList());
  }

  private static List<SignOffView.Field> plan(Document pilot, Document validation) {
    return List.of(
        field("Scenario", pilot.getString("scenario")),
        field(
            "Dataset",
            pilot.getString("dataset_id")
                + " version `"
                + pilot.getString("dataset_version")
                + "`"),
        field(
            "Dataset checksum",
            validation == null
                ? "not validated"
                : "`" + validation.getString("dataset_checksum") + "`"),
        field("Baseline model", pilot.getString("baseline_model")),
        field(
            "Candidate",
            pilot.getString("candidate_name")
                + (pilot.getString("trained_model") == null
                    ? ""
                    : " (trained model `" + pilot.getString("trained_model") + "`)")),
        field("Initiator", pilot.getString("initiator")),
        field("State", pilot.getString("state")));
  }

  private static List<SignOffView.Field> configuration(Document pilot) {
    List<SignOffView.Field> fields = new ArrayList<>();
    pilot
        .get("training", Document.class)
        .forEach((key, value) -> fields.add(field(key, String.valueOf(value))));
    fields.add(field("git commit", pilot.getString("git_commit")));
    return fields;
  }

  private static List<SignOffView.Field> safetyChecks(Document validation) {
    return List.of(
        field("Records scanned", String.valueOf(validation.get("records_scanned"))),
        field("Schema-invalid records", String.valueOf(validation.get("schema_invalid"))),
        field(
            "Personal data findings",
            String.valueOf(
                validation.get(
                    "personal_data_total",
                    validation.getList("personal_data", Document.class).size()))));
  }

  private static SignOffView.Comparison comparison(Document pilot) {
    Document baseline = pilot.get("baseline_run", Document.class);
    if (baseline == null) {
      return null;
    }
    Document candidate = pilot.get("evaluation_run", Document.class);
    Document before = baseline.get("metrics", Document.class);
    Document after = candidate == null ? new Document() : candidate.get("metrics", Document.class);
    List<SignOffView.MetricRow> metrics = new ArrayList<>();
    for (String metric : before.keySet()) {
      Object a = before.get(metric);
      Object b = after.get(metric);
      metrics.add(
          new SignOffView.MetricRow(
              metric,
              number(a),
              number(b),
              a instanceof Number x && b instanceof Number y
                  ? String.format(Locale.ROOT, "%+.4f", y.doubleValue() - x.doubleValue())
                  : ""));
    }
    return new SignOffView.Comparison(
        metrics,
        String.valueOf(baseline.getString("run_id")),
        candidate == null ? null : String.valueOf(candidate.getString("run_id")));
  }

  private static SignOffView.Decision decision(Document decision) {
    if (decision == null) {
      return null;
    }
    List<SignOffView.SampleRead> reads = new ArrayList<>();
    for (Object read : decision.getList("samples_read", Object.class, List.of())) {
      if (read instanceof Document served) {
        reads.add(
            new SignOffView.SampleRead(
                String.valueOf(served.getString("sample_id")),
                served.getDate("read_at").toInstant().toString()));
      } else {
        // decided before reads were recorded: what the decider named, unchecked
        reads.add(new SignOffView.SampleRead(String.valueOf(read), null));
      }
    }
    return new SignOffView.Decision(
        String.valueOf(decision.getString("proposal")),
        String.valueOf(decision.getString("decided_by_rule")),
        List.copyOf(decision.getList("checks", String.class)),
        decision.getBoolean("go") ? "GO" : "NO-GO",
        String.valueOf(decision.getString("by")),
        String.valueOf(decision.getString("reason")),
        reads);
  }

  private static SignOffView.Field field(String name, String value) {
    return new SignOffView.Field(name, String.valueOf(value));
  }

  private static String number(Object value) {
    return value instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "n/a";
  }
}
