package io.butlerbench.benchmark.judge;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;

/** Bodies an OpenAI-compatible endpoint answers with, and what the stub saw. */
public final class OpenAiStub {
  private OpenAiStub() {}

  public static String completion(String content, String finishReason) {
    return """
        {"id":"chatcmpl-test","object":"chat.completion","created":1764300000,"model":"gpt-4o",
         "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},
                     "logprobs":null,"finish_reason":"%s"}],
         "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150}}
        """
        .formatted(quote(content), finishReason);
  }

  public static String scores(
      double coverage, double accuracy, double coherence, double informativeness) {
    return completion(
        String.format(
            java.util.Locale.ROOT,
            "{\"coverage\":%s,\"accuracy\":%s,\"coherence\":%s,\"informativeness\":%s,"
                + "\"verdict\":\"MEETS_EXPECTATIONS\",\"notes\":\"Хорошее резюме.\"}",
            coverage,
            accuracy,
            coherence,
            informativeness),
        "stop");
  }

  /** The most requests the stub had in flight at once, from its own request log. */
  public static int maxInFlight(WireMockServer server) {
    List<long[]> intervals = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      long start = event.getRequest().getLoggedDate().getTime();
      intervals.add(new long[] {start, start + event.getTiming().getTotalTime()});
    }
    int max = 0;
    for (long[] interval : intervals) {
      int overlapping = 0;
      for (long[] other : intervals) {
        if (other[0] <= interval[0] && interval[0] < other[1]) {
          overlapping++;
        }
      }
      max = Math.max(max, overlapping);
    }
    return max;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
