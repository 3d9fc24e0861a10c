package io.butlerbench.benchmark.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.benchmark.scenario.Scenario;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RU rubric prompt sent to an OpenAI-compatible judge with a JSON-schema response format. A
 * truncated ({@code finish_reason: length}) or unparseable answer is re-asked at most {@code
 * maxReasks} times, then recorded as an error; transport failures are the endpoint's to retry.
 */
public class LlmJudge implements Judge {
  /** The answer the judge must give: a score within 0-1 per judged metric, a verdict and notes. */
  static final ChatRequest.ResponseFormat ANSWER_FORMAT = answerFormat();

  private final LlmEndpoint endpoint;
  private final PromptTemplate prompt;
  private final JudgeCache cache;
  private final ObjectMapper json;
  private final String model;
  private final int maxTokens;
  private final int maxReasks;

  public LlmJudge(
      LlmEndpoint endpoint,
      PromptTemplate prompt,
      JudgeCache cache,
      ObjectMapper json,
      String model,
      int maxTokens,
      int maxReasks) {
    this.endpoint = endpoint;
    this.prompt = prompt;
    this.cache = cache;
    this.json = json;
    this.model = model;
    this.maxTokens = maxTokens;
    this.maxReasks = maxReasks;
  }

  @Override
  public String name() {
    return "llm";
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public String promptVersion() {
    return prompt.version();
  }

  @Override
  public Verdict judge(Sample sample, String summary, Sampling sampling) {
    String key =
        JudgeCache.key(
            model, prompt, sample.sourceText(), summary, sampling.temperature(), sampling.seed());
    Optional<Map<String, Double>> cached = cache.get(key);
    if (cached.isPresent()) {
      return new Verdict(cached.get(), null, 0, 0, 0, true);
    }
    ChatRequest request = request(sample.sourceText(), summary, sampling);
    long promptTokens = 0;
    long completionTokens = 0;
    int calls = 0;
    String problem = null;
    for (int ask = 0; ask <= maxReasks; ask++) {
      LlmEndpoint.Completion completion;
      try {
        completion = endpoint.complete(request);
      } catch (LlmEndpoint.LlmException e) {
        return new Verdict(
            Map.of(), e.getMessage(), promptTokens, completionTokens, calls + e.attempts(), false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Verdict.error("interrupted", calls);
      }
      calls += completion.attempts();
      promptTokens += completion.promptTokens();
      completionTokens += completion.completionTokens();
      if ("length".equals(completion.finishReason())) {
        problem = "answer truncated (finish_reason: length)";
        continue;
      }
      Map<String, Double> scores = parse(completion.content());
      if (scores == null) {
        problem = "answer is not the JSON the schema asks for";
        continue;
      }
      cache.put(key, model, prompt.version(), scores);
      return new Verdict(scores, null, promptTokens, completionTokens, calls, false);
    }
    return new Verdict(
        Map.of(),
        problem + " after " + (maxReasks + 1) + " asks",
        promptTokens,
        completionTokens,
        calls,
        false);
  }

  private ChatRequest request(String sourceText, String summary, Sampling sampling) {
    return prompt.chatRequest(
        model, prompt.userMessage(sourceText, summary), sampling, maxTokens, ANSWER_FORMAT);
  }

  private static ChatRequest.ResponseFormat answerFormat() {
    Map<String, ChatRequest.Schema> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (String metric : Scenario.QUALITY) {
      properties.put(metric, ChatRequest.Schema.number(0, 1));
      required.add(metric);
    }
    properties.put("verdict", ChatRequest.Schema.string());
    properties.put("notes", ChatRequest.Schema.string());
    required.add("verdict");
    required.add("notes");
    return ChatRequest.ResponseFormat.of(
        "benchmark_scores", ChatRequest.Schema.object(properties, required));
  }

  /** The four scores, each a number within 0-1, or null when the answer is anything else. */
  private Map<String, Double> parse(String content) {
    if (content == null) {
      return null;
    }
    try {
      JsonNode answer = json.readTree(content);
      Map<String, Double> scores = new LinkedHashMap<>();
      for (String metric : Scenario.QUALITY) {
        JsonNode value = answer.path(metric);
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
          return null;
        }
        scores.put(metric, value.asDouble());
      }
      return scores;
    } catch (IOException e) {
      return null;
    }
  }
}
