package io.butlerbench.benchmark.judge;

import io.butlerbench.benchmark.scenario.Scenario;

/** Replays the stored {@code ground_truth} scores; never calls an LLM. */
public final class DryRunJudge implements Judge {

  @Override
  public String name() {
    return "dry-run";
  }

  @Override
  public String model() {
    return "stored-ground-truth";
  }

  @Override
  public Verdict judge(Sample sample, String summary, Sampling sampling) {
    if (!sample.storedScores().keySet().containsAll(Scenario.QUALITY)) {
      return Verdict.error("the record has no stored judge result to replay", 0);
    }
    return Verdict.scored(sample.storedScores());
  }
}
