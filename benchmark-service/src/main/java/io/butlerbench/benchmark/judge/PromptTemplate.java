package io.butlerbench.benchmark.judge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A versioned prompt kept as a file ({@code prompts/<version>.txt}): the system part, a line {@code
 * ---USER---}, and the user part with {@code {{source_text}}} and {@code {{summary}}}.
 */
public record PromptTemplate(String version, String system, String user, String sha256) {
  private static final String SEPARATOR = "\n---USER---\n";

  public static PromptTemplate load(String version) {
    String resource = "/prompts/" + version + ".txt";
    try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no prompt template " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = text.indexOf(SEPARATOR);
      if (split < 0) {
        throw new IllegalStateException(resource + " has no ---USER--- line");
      }
      return new PromptTemplate(
          version,
          text.substring(0, split).strip(),
          text.substring(split + SEPARATOR.length()).strip(),
          sha256(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String userMessage(String sourceText, String summary) {
    return user.replace("{{source_text}}", sourceText).replace("{{summary}}", summary);
  }

  /**
   * A {@code /v1/chat/completions} body: this template's system message, the given user message,
   * the run's sampling parameters, a token limit and the answer's format (null: free text).
   */
  public ChatRequest chatRequest(
      String model,
      String userMessage,
      Judge.Sampling sampling,
      int maxTokens,
      ChatRequest.ResponseFormat responseFormat) {
    return new ChatRequest(
        model,
        List.of(
            new ChatRequest.Message("system", system),
            new ChatRequest.Message("user", userMessage)),
        sampling.temperature(),
        sampling.seed(),
        maxTokens,
        responseFormat);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
