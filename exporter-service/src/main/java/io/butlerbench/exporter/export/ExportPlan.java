package io.butlerbench.exporter.export;

import io.butlerbench.service.problem.InvalidRequestException;

/** A validated export request with defaults filled in. */
public record ExportPlan(
    Source source,
    int windowHours,
    String channel,
    String language,
    Integer limit,
    boolean failOnInvalid) {

  public static final int DEFAULT_WINDOW_HOURS = 24;
  public static final int MAX_WINDOW_HOURS = 24 * 366;
  public static final int MAX_LIMIT = 1_000_000;

  /**
   * Fills in the defaults. The rules of each field are declared on {@link ExportRequest} and
   * checked before this ({@code @Valid} on the resource); the scheduled export builds its request
   * from configuration that is checked at start. Only a request without a body is answered here:
   * {@code @Valid} passes a missing body, and a missing body has no source.
   */
  public static ExportPlan from(ExportRequest request) {
    if (request == null) {
      throw new InvalidRequestException(
          "source", "required", "source is required: digests or review_reports");
    }
    Source source = Source.fromName(request.source());
    if (source == null) {
      throw new IllegalArgumentException("source was not validated: " + request.source());
    }
    int window = request.windowHours() == null ? DEFAULT_WINDOW_HOURS : request.windowHours();
    String language = request.language() == null ? "ru" : request.language();
    String policy = request.invalidPolicy() == null ? "skip" : request.invalidPolicy();
    return new ExportPlan(
        source, window, request.channel(), language, request.limit(), policy.equals("fail"));
  }

  /**
   * Whether this export may become its dataset's {@code latest}, the version a benchmark run takes
   * by default. An export is canonical when it selects at least everything the default export
   * ({@code {"source": ...}} alone) would select at the same moment: no {@code channel}, no {@code
   * limit}, and a window of at least the default 24 h (the weekly 168 h and the local stack's 720 h
   * qualify). Neither {@code language} nor {@code invalid_policy} counts: the record schema admits
   * only {@code ru}, so an export of another language publishes nothing, and the policy decides
   * whether a version is published, not what a published version holds. Any other export is
   * filtered: published, reachable by its version id, never {@code latest}.
   */
  public boolean canonical() {
    return channel == null && limit == null && windowHours >= DEFAULT_WINDOW_HOURS;
  }

  public String invalidPolicy() {
    return failOnInvalid ? "fail" : "skip";
  }
}
