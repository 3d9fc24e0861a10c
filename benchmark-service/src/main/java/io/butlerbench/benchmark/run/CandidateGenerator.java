package io.butlerbench.benchmark.run;

import io.butlerbench.benchmark.judge.ChatRequest;
import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.benchmark.judge.LlmEndpoint;
import io.butlerbench.benchmark.judge.PromptTemplate;

/**
 * Summarises a sample's source with the candidate model (generation prompt versioned like the
 * rubric), so the new summary is what gets judged and its measured latency feeds p95.
 */
public class CandidateGenerator {
  public static final String PROMPT_VERSION = "generation-2025-11-v1";

  private final LlmEndpoint endpoint;
  private final PromptTemplate prompt;
  private final int maxTokens;

  public CandidateGenerator(LlmEndpoint endpoint, int maxTokens) {
    this.endpoint = endpoint;
    this.prompt = PromptTemplate.load(PROMPT_VERSION);
    this.maxTokens = maxTokens;
  }

  /** A generated summary, or the reason there is none. */
  public record Generation(
      String summary,
      double latencySeconds,
      long promptTokens,
      long completionTokens,
      String error) {}

  public Generation generate(String model, String sourceText, double temperature, long seed) {
    ChatRequest body =
        prompt.chatRequest(
            model,
            prompt.userMessage(sourceText, ""),
            new Judge.Sampling(temperature, seed),
            maxTokens,
            null);
    try {
      LlmEndpoint.Completion completion = endpoint.complete(body);
      if ("length".equals(completion.finishReason())) {
        return new Generation(
            null,
            0,
            completion.promptTokens(),
            completion.completionTokens(),
            "candidate summary truncated");
      }
      if (completion.content() == null || completion.content().isBlank()) {
        return new Generation(
            null,
            0,
            completion.promptTokens(),
            completion.completionTokens(),
            "candidate returned no summary");
      }
      return new Generation(
          completion.content(),
          completion.latency().toNanos() / 1e9,
          completion.promptTokens(),
          completion.completionTokens(),
          null);
    } catch (LlmEndpoint.LlmException e) {
      return new Generation(null, 0, 0, 0, "candidate generation failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Generation(null, 0, 0, 0, "interrupted");
    }
  }
}
