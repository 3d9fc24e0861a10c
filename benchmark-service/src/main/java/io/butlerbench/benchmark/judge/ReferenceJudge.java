package io.butlerbench.benchmark.judge;

import io.butlerbench.contracts.Metric;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic offline judge computed from the source and the summary, so the pipeline runs
 * without any LLM. Method (documented in docs/architecture.md):
 *
 * <ul>
 *   <li><b>key topics</b> of the source: the title of every post (first line of each block), or for
 *       review reports the title of every finding ({@code Замечание [severity] title: ...});
 *   <li><b>coverage</b>: share of key topics whose title appears in the summary;
 *   <li><b>accuracy</b>: among summary bullets that make a claim (name a topic in bold or as a
 *       finding, or state a number), the share whose topic is in the source and whose numbers all
 *       occur in the source;
 *   <li><b>coherence</b>: 1 minus the share of out-of-order pairs among the topics the summary
 *       names, in source order for digests and in severity order for review findings;
 *   <li><b>informativeness</b>: share of summary bullets that carry a source topic or a source
 *       number (filler lines carry neither).
 * </ul>
 */
public final class ReferenceJudge implements Judge {
  private static final Pattern FINDING =
      Pattern.compile("^Замечание \\[(\\w+)] (.+?): ", Pattern.MULTILINE);
  private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
  private static final Pattern SUMMARY_FINDING = Pattern.compile("^- \\[(\\w+)] (.+?) \\(`");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
  private static final List<String> SEVERITIES = List.of("critical", "major", "minor", "info");

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public String model() {
    return "reference-v1";
  }

  @Override
  public Verdict judge(Sample sample, String summary, Sampling sampling) {
    String source = sample.sourceText();
    List<String> topics = topics(source);
    String summaryLower = summary.toLowerCase(Locale.ROOT);
    Set<String> sourceNumbers = numbers(source);
    boolean review = FINDING.matcher(source).find();

    long covered =
        topics.stream().filter(t -> summaryLower.contains(t.toLowerCase(Locale.ROOT))).count();
    double coverage = topics.isEmpty() ? 0.0 : (double) covered / topics.size();

    int claims = 0;
    int supported = 0;
    int informative = 0;
    int bullets = 0;
    List<Integer> order = new ArrayList<>();
    for (String line : summary.split("\n")) {
      if (!line.startsWith("- ")) {
        continue;
      }
      bullets++;
      String topic = claimedTopic(line);
      Set<String> numbers = numbers(line);
      if (topic == null && numbers.isEmpty()) {
        continue;
      }
      claims++;
      int index = topic == null ? -1 : indexOf(topics, topic);
      boolean topicKnown = topic == null || index >= 0;
      if (topicKnown && sourceNumbers.containsAll(numbers)) {
        supported++;
      }
      if (index >= 0 || numbers.stream().anyMatch(sourceNumbers::contains)) {
        informative++;
      }
      if (index >= 0) {
        order.add(review ? severityRank(line) : index);
      }
    }
    double accuracy = claims == 0 ? 1.0 : (double) supported / claims;
    double informativeness = bullets == 0 ? 0.0 : (double) informative / bullets;
    double coherence = 1.0 - inversionShare(order);

    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put(Metric.COVERAGE.key(), round(coverage));
    scores.put(Metric.ACCURACY.key(), round(accuracy));
    scores.put(Metric.COHERENCE.key(), round(coherence));
    scores.put(Metric.INFORMATIVENESS.key(), round(informativeness));
    return Verdict.scored(scores);
  }

  static List<String> topics(String source) {
    List<String> topics = new ArrayList<>();
    Matcher finding = FINDING.matcher(source);
    while (finding.find()) {
      topics.add(finding.group(2).trim());
    }
    if (!topics.isEmpty()) {
      return topics;
    }
    for (String block : source.split("\n\n")) {
      String title = block.strip().lines().findFirst().orElse("").trim();
      if (!title.isEmpty()) {
        topics.add(title);
      }
    }
    return topics;
  }

  /** The topic a bullet names: its bold title, or the title of a listed finding. */
  private static String claimedTopic(String bullet) {
    Matcher finding = SUMMARY_FINDING.matcher(bullet);
    if (finding.find()) {
      return finding.group(2).trim();
    }
    Matcher bold = BOLD.matcher(bullet);
    return bold.find() ? bold.group(1).trim() : null;
  }

  private static int indexOf(List<String> topics, String topic) {
    for (int i = 0; i < topics.size(); i++) {
      if (topics.get(i).equalsIgnoreCase(topic)) {
        return i;
      }
    }
    return -1;
  }

  private static int severityRank(String bullet) {
    Matcher finding = SUMMARY_FINDING.matcher(bullet);
    return finding.find() ? Math.max(0, SEVERITIES.indexOf(finding.group(1))) : SEVERITIES.size();
  }

  private static Set<String> numbers(String text) {
    Set<String> numbers = new HashSet<>();
    Matcher number = NUMBER.matcher(text);
    while (number.find()) {
      numbers.add(number.group());
    }
    return numbers;
  }

  /** Share of pairs (i before j in the summary) whose source order is reversed. */
  private static double inversionShare(List<Integer> order) {
    int pairs = 0;
    int inversions = 0;
    for (int i = 0; i < order.size(); i++) {
      for (int j = i + 1; j < order.size(); j++) {
        pairs++;
        if (order.get(i) > order.get(j)) {
          inversions++;
        }
      }
    }
    return pairs == 0 ? 0.0 : (double) inversions / pairs;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
