package io.butlerbench.pilot.api;

import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/** The sign-off report of a pilot, in Markdown, from what the pilot and its audit recorded. */
final class SignOffReport {
  private SignOffReport() {}

  static String markdown(Document pilot, List<Document> aliasChanges, List<Document> audit) {
    StringBuilder out = new StringBuilder();
    out.append("# Fine-tuning pilot sign-off: ").append(pilot.getString("pilot_id")).append("\n\n");
    out.append("## Plan\n\n");
    row(out, "Scenario", pilot.getString("scenario"));
    row(
        out,
        "Dataset",
        pilot.getString("dataset_id") + " version `" + pilot.getString("dataset_version") + "`");
    Document validation = pilot.get("validation", Document.class);
    row(
        out,
        "Dataset checksum",
        validation == null
            ? "not validated"
            : "`" + validation.getString("dataset_checksum") + "`");
    row(out, "Baseline model", pilot.getString("baseline_model"));
    row(
        out,
        "Candidate",
        pilot.getString("candidate_name")
            + (pilot.getString("trained_model") == null
                ? ""
                : " (trained model `" + pilot.getString("trained_model") + "`)"));
    row(out, "Initiator", pilot.getString("initiator"));
    row(out, "State", pilot.getString("state"));
    out.append("\n## Configuration\n\n");
    Document training = pilot.get("training", Document.class);
    training.forEach((key, value) -> row(out, key, String.valueOf(value)));
    row(out, "git commit", pilot.getString("git_commit"));
    if (validation != null) {
      out.append("\n## Safety checks\n\n");
      row(out, "Records scanned", String.valueOf(validation.get("records_scanned")));
      row(out, "Schema-invalid records", String.valueOf(validation.get("schema_invalid")));
      row(
          out,
          "Personal data findings",
          String.valueOf(
              validation.get(
                  "personal_data_total",
                  validation.getList("personal_data", Document.class).size())));
    }
    out.append("\n## Baseline against candidate\n\n");
    Document baseline = pilot.get("baseline_run", Document.class);
    Document candidate = pilot.get("evaluation_run", Document.class);
    out.append("| metric | baseline | candidate | delta |\n| --- | ---: | ---: | ---: |\n");
    if (baseline != null) {
      Document before = baseline.get("metrics", Document.class);
      Document after =
          candidate == null ? new Document() : candidate.get("metrics", Document.class);
      for (String metric : before.keySet()) {
        Object a = before.get(metric);
        Object b = after.get(metric);
        out.append("| ")
            .append(metric)
            .append(" | ")
            .append(number(a))
            .append(" | ")
            .append(number(b))
            .append(" | ")
            .append(
                a instanceof Number x && b instanceof Number y
                    ? String.format(Locale.ROOT, "%+.4f", y.doubleValue() - x.doubleValue())
                    : "")
            .append(" |\n");
      }
      out.append("\nRuns: baseline `")
          .append(baseline.getString("run_id"))
          .append("`")
          .append(candidate == null ? "" : ", candidate `" + candidate.getString("run_id") + "`")
          .append(".\n");
    }
    out.append("\n## Approvals\n\n");
    for (Document approval : pilot.getList("approvals", Document.class, List.of())) {
      out.append("- ")
          .append(approval.getString("role"))
          .append(": ")
          .append(approval.getString("person"))
          .append(" at ")
          .append(approval.getDate("at").toInstant())
          .append(
              approval.getString("comment") == null
                  ? ""
                  : " (" + approval.getString("comment") + ")")
          .append("\n");
    }
    Document decision = pilot.get("decision", Document.class);
    out.append("\n## Decision\n\n");
    if (decision == null) {
      out.append("Not decided yet.\n");
    } else {
      out.append("Rule proposal: **")
          .append(decision.getString("proposal"))
          .append("** (decided by `")
          .append(decision.getString("decided_by_rule"))
          .append("`).\n\n");
      for (String check : decision.getList("checks", String.class)) {
        out.append("- ").append(check).append("\n");
      }
      out.append("\nConfirmed: **")
          .append(decision.getBoolean("go") ? "GO" : "NO-GO")
          .append("** by ")
          .append(decision.getString("by"))
          .append(": ")
          .append(decision.getString("reason"))
          .append(".\n\nSamples read before deciding, as the benchmark served them:\n\n");
      for (Object read : decision.getList("samples_read", Object.class, List.of())) {
        out.append("- ");
        if (read instanceof Document served) {
          out.append("`")
              .append(served.getString("sample_id"))
              .append("` read by ")
              .append(decision.getString("by"))
              .append(" at ")
              .append(served.getDate("read_at").toInstant())
              .append("\n");
        } else {
          // decided before reads were recorded: what the decider named, unchecked
          out.append("`").append(read).append("` (named by the decider; not checked)\n");
        }
      }
    }
    out.append("\n## Alias changes\n\n");
    if (aliasChanges.isEmpty()) {
      out.append("None.\n");
    }
    for (Document change : aliasChanges) {
      out.append("- ")
          .append(change.getDate("at").toInstant())
          .append(": `")
          .append(change.getString("alias"))
          .append("` -> `")
          .append(change.getString("model"))
          .append("` by ")
          .append(change.getString("by"))
          .append(" (")
          .append(change.getString("reason"))
          .append(")\n");
    }
    out.append(
        "\n## Audit trail\n\n| at | actor | action | from | to |\n| --- | --- | --- | --- | --- |\n");
    for (Document entry : audit) {
      Date at = entry.getDate("at");
      out.append("| ")
          .append(at.toInstant())
          .append(" | ")
          .append(entry.getString("actor"))
          .append(" | ")
          .append(entry.getString("action"))
          .append(" | ")
          .append(String.valueOf(entry.getString("from")))
          .append(" | ")
          .append(entry.getString("to"))
          .append(" |\n");
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String key, String value) {
    out.append("- **").append(key).append("**: ").append(value).append("\n");
  }

  private static String number(Object value) {
    return value instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "n/a";
  }
}
