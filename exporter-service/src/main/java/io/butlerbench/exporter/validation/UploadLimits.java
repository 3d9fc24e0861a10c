package io.butlerbench.exporter.validation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How large an upload to {@code POST /validations} may be, beyond the request body limit ({@code
 * quarkus.http.limits.max-body-size}, 10 MB by default): past either limit the answer is 413
 * problem+json naming it, given as soon as the limit is passed.
 */
@ConfigMapping(prefix = "exporter.validation")
public interface UploadLimits {

  /** Lines in one upload, blank ones included (a dataset of the local stack has fewer records). */
  @WithDefault("200000")
  long maxLines();

  /**
   * Bytes of one line (UTF-8, without its line break): a record longer than one published part
   * ({@code exporter.max-part-bytes}, 500 KB) could never be exported, so no line of a dataset is.
   */
  @WithDefault("512000")
  int maxLineBytes();
}
