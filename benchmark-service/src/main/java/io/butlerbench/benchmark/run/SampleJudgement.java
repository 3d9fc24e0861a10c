package io.butlerbench.benchmark.run;

import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.benchmark.judge.Sample;
import io.butlerbench.benchmark.judge.Verdict;
import java.time.Duration;
import java.util.LinkedHashMap;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * One sample judged into one result document: the candidate's summary generated first when the run
 * names a candidate model, then the judge's verdict, its calls, tokens and latency.
 */
final class SampleJudgement {
  private static final Logger LOG = Logger.getLogger(SampleJudgement.class);

  private final CandidateGenerator generator;
  private final RunMetrics metrics;

  SampleJudgement(CandidateGenerator generator, RunMetrics metrics) {
    this.generator = generator;
    this.metrics = metrics;
  }

  /** Judges one sample; anything our side throws becomes an ERROR result, never a lost sample. */
  Document judge(String runId, RunPlan plan, Judge judge, Sample sample, int repeat) {
    try {
      return judgeOne(runId, plan, judge, sample, repeat);
    } catch (RuntimeException e) {
      LOG.errorf(e, "run %s: sample %s failed outside the judge", runId, sample.sampleId());
      return resultOf(runId, sample, repeat)
          .append("status", "ERROR")
          .append("error", "judging failed: " + e)
          .append("judge_calls", 0);
    }
  }

  private static Document resultOf(String runId, Sample sample, int repeat) {
    return new Document("_id", runId + "/" + sample.sampleId() + "/" + repeat)
        .append("run_id", runId)
        .append("sample_id", sample.sampleId())
        .append("repeat", repeat)
        .append("injected_defects", sample.injectedDefects());
  }

  private Document judgeOne(String runId, RunPlan plan, Judge judge, Sample sample, int repeat) {
    String summary = sample.summary();
    double latency = sample.latencySeconds();
    Document result = resultOf(runId, sample, repeat);
    if (plan.candidateModel() != null) {
      CandidateGenerator.Generation generation =
          generator.generate(
              plan.candidateModel(), sample.sourceText(), plan.temperature(), plan.seed() + repeat);
      metrics.tokens(
          "benchmark.candidate.tokens",
          plan.candidateModel(),
          generation.promptTokens(),
          generation.completionTokens());
      if (generation.error() != null) {
        return result
            .append("status", "ERROR")
            .append("error", generation.error())
            .append("judge_calls", 0);
      }
      summary = generation.summary();
      latency = generation.latencySeconds();
      result.append("candidate_summary", summary);
    }
    long judgeStart = System.nanoTime();
    Verdict verdict =
        judge.judge(sample, summary, new Judge.Sampling(plan.temperature(), plan.seed() + repeat));
    metrics.judgeCall(
        judge.name(),
        verdict.isError() ? "error" : verdict.cached() ? "cached" : "ok",
        Duration.ofNanos(System.nanoTime() - judgeStart));
    metrics.tokens(
        "benchmark.judge.tokens",
        judge.model(),
        verdict.promptTokens(),
        verdict.completionTokens());
    result
        .append("latency_seconds", latency)
        .append("judge_calls", verdict.calls())
        .append("cached", verdict.cached())
        .append("prompt_tokens", verdict.promptTokens())
        .append("completion_tokens", verdict.completionTokens());
    if (verdict.isError()) {
      return result.append("status", "ERROR").append("error", verdict.error());
    }
    return result
        .append("status", "OK")
        .append("scores", new Document(new LinkedHashMap<>(verdict.scores())));
  }
}
