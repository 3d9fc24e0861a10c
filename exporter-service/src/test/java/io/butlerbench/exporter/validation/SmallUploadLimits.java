package io.butlerbench.exporter.validation;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Limits small enough to reach in a test: a 64 KB request body, uploads of at most 100 lines of at
 * most 8 KB each.
 */
public class SmallUploadLimits implements QuarkusTestProfile {
  static final int MAX_BODY_BYTES = 64 * 1024;
  static final int MAX_LINES = 100;
  static final int MAX_LINE_BYTES = 8 * 1024;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.http.limits.max-body-size", "64K",
        "exporter.validation.max-lines", String.valueOf(MAX_LINES),
        "exporter.validation.max-line-bytes", String.valueOf(MAX_LINE_BYTES));
  }
}
