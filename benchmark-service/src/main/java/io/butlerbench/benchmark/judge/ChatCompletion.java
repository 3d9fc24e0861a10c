package io.butlerbench.benchmark.judge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What this service reads of a chat completion: the first choice's message and why it stopped, and
 * the tokens used. The endpoint's other fields (id, created, system_fingerprint, logprobs...)
 * belong to a third party's API that grows; they are ignored, not refused.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletion(List<Choice> choices, Usage usage) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Choice(Message message, String finishReason) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Message(String content) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Usage(long promptTokens, long completionTokens) {}

  /** The first choice, if the endpoint sent one. */
  Choice first() {
    return choices == null || choices.isEmpty() ? null : choices.get(0);
  }
}
