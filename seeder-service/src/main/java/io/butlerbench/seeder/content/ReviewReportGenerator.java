package io.butlerbench.seeder.content;

import io.butlerbench.seeder.content.ReviewCorpus.FindingTemplate;
import io.butlerbench.seeder.corpus.StoredReviewReport;
import io.butlerbench.seeder.corpus.StoredReviewReport.Pass;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes one modular code-review report: architecture and component passes with findings, a
 * synthesis pass, and a final verdict written from those findings (degraded for a share of
 * reports).
 */
public final class ReviewReportGenerator {
  private static final DateTimeFormatter ID_DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final int REVIEW_HOUR_UTC = 15;

  private final GeneratorSettings settings;

  public ReviewReportGenerator(GeneratorSettings settings) {
    this.settings = settings;
  }

  /** {@code hw02_rest_api-20261101-3}: assignment, day reviewed, slot within the day. */
  public static String reportId(String assignmentId, LocalDate day, int slot) {
    return assignmentId + "-" + ID_DATE.format(day) + "-" + slot;
  }

  public static Instant createdAt(LocalDate day, int slot, Instant now) {
    Instant planned =
        day.atTime(REVIEW_HOUR_UTC, 0)
            .toInstant(ZoneOffset.UTC)
            .plus(Duration.ofMinutes(7L * slot));
    return planned.isAfter(now) ? now.minusSeconds(slot) : planned;
  }

  public StoredReviewReport generate(
      String assignmentId, LocalDate day, int slot, Instant now, long seed) {
    String id = reportId(assignmentId, day, slot);
    DocumentRandom random = new DocumentRandom(seed, id);
    List<String> files = ReviewCorpus.filesFor(assignmentId);
    String studentId = String.format("student-%04d", random.between(1, 400));
    double latency = StoredJudgeResult.latencySeconds(random, 120, 0.5);

    List<Finding> all = new ArrayList<>();
    List<Pass> passes = new ArrayList<>();
    for (String passName : List.of("architecture", "component")) {
      List<FindingTemplate> candidates =
          ReviewCorpus.FINDINGS.stream().filter(f -> f.pass().equals(passName)).toList();
      int count = random.between(1, passName.equals("component") ? 3 : 2);
      List<Finding> findings = new ArrayList<>();
      for (FindingTemplate template : distinct(candidates, count, random)) {
        findings.add(new Finding(template, random.pick(files), random.between(3, 240)));
      }
      all.addAll(findings);
      passes.add(pass(passName, passSummary(passName, findings), findings));
    }
    all.sort(
        Comparator.comparingInt(f -> ReviewCorpus.SEVERITY_ORDER.indexOf(f.template.severity())));
    long critical = all.stream().filter(f -> f.template.severity().equals("critical")).count();
    String outcome = critical > 0 ? "требует обязательной доработки" : "принимается с замечаниями";
    passes.add(
        new Pass(
            "synthesis",
            "Сводная оценка: работа "
                + outcome
                + ". Всего замечаний: "
                + all.size()
                + ", из них критичных: "
                + critical
                + ".",
            List.of(),
            all.stream().limit(2).map(f -> f.template.recommendation()).toList()));

    List<String> lines = new ArrayList<>();
    for (Finding finding : all) {
      lines.add(finding.line());
    }
    Defect defect = StoredJudgeResult.pickDefect(random, settings);
    String note = null;
    if (defect != null) {
      switch (defect) {
        case KEY_POST_OMITTED -> {
          note = "В итоге пропущено главное замечание: «" + all.get(0).template.title() + "».";
          lines.remove(0);
        }
        case INVENTED_FACT -> {
          String invented = random.pick(ReviewCorpus.INVENTED_FINDINGS);
          note = "Итог упоминает проблему, которой нет в проходах ревью: «" + invented + "».";
          lines.add(
              random.between(0, lines.size()),
              "- [major] "
                  + invented
                  + " (`"
                  + random.pick(files)
                  + ":"
                  + random.between(3, 240)
                  + "`)");
        }
        case SHUFFLED_ORDER -> {
          note = "Замечания перечислены вперемешку, без порядка по важности.";
          if (lines.size() < 2) {
            lines.add(0, "- Итого по работе: " + outcome + ".");
          }
          Collections2.shuffleUntilChanged(lines, random);
        }
        case FILLER -> {
          note = "Итог перегружен общими фразами, конкретика теряется.";
          for (int i = 0; i < 3; i++) {
            lines.add(random.between(0, lines.size()), "- " + random.pick(FILLER));
          }
        }
      }
    }
    String synthesis =
        "**Итоговое ревью: "
            + assignmentId
            + "**\n\nРабота "
            + outcome
            + ". Основные замечания:\n\n"
            + String.join("\n", lines)
            + "\n\n**Что сделать в первую очередь:** "
            + all.get(0).template.recommendation();

    // the flags are drawn before the judge result: the random sequence depends on the order
    StoredReviewReport.FeatureFlags flags =
        new StoredReviewReport.FeatureFlags(true, random.chance(0.5), random.chance(0.9));
    StoredReviewReport.Metadata metadata =
        new StoredReviewReport.Metadata(
            settings.llmModel(),
            flags,
            latency,
            StoredJudgeResult.build(random, settings, defect, note));
    return new StoredReviewReport(
        id,
        id,
        assignmentId,
        studentId,
        "ru",
        createdAt(day, slot, now),
        new StoredReviewReport.Report(passes, synthesis, metadata),
        Synthetic.label(seed, defect));
  }

  private static final List<String> FILLER =
      List.of(
          "В целом работа производит неплохое впечатление.",
          "Хорошо, что студент старался.",
          "Код можно улучшать бесконечно.",
          "Есть над чем подумать на досуге.");

  private static String passSummary(String passName, List<Finding> findings) {
    String scope =
        passName.equals("architecture") ? "Архитектура решения" : "Реализация компонентов";
    return scope
        + ": найдено замечаний — "
        + findings.size()
        + ". Главное: "
        + findings.stream()
            .min(
                Comparator.comparingInt(
                    f -> ReviewCorpus.SEVERITY_ORDER.indexOf(f.template.severity())))
            .orElseThrow()
            .template
            .title()
            .toLowerCase(java.util.Locale.ROOT)
        + ".";
  }

  private static Pass pass(String passName, String summary, List<Finding> findings) {
    return new Pass(
        passName,
        summary,
        findings.stream().map(Finding::stored).toList(),
        findings.stream().map(f -> f.template.recommendation()).toList());
  }

  private static List<FindingTemplate> distinct(
      List<FindingTemplate> candidates, int count, DocumentRandom random) {
    List<FindingTemplate> pool = new ArrayList<>(candidates);
    List<FindingTemplate> chosen = new ArrayList<>(count);
    for (int i = 0; i < count && !pool.isEmpty(); i++) {
      chosen.add(pool.remove(random.between(0, pool.size() - 1)));
    }
    return chosen;
  }

  private record Finding(FindingTemplate template, String file, int lineNumber) {
    String line() {
      return "- ["
          + template.severity()
          + "] "
          + template.title()
          + " (`"
          + file
          + ":"
          + lineNumber
          + "`)";
    }

    StoredReviewReport.Finding stored() {
      return new StoredReviewReport.Finding(
          template.severity(), template.title(), template.description(), file, lineNumber);
    }
  }
}
