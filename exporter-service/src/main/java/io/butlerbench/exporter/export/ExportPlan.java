package io.butlerbench.exporter.export;

import io.butlerbench.service.problem.InvalidRequestException;
import java.util.regex.Pattern;

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
  private static final Pattern CHANNEL = Pattern.compile("@?[A-Za-z0-9_-]{1,64}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

  public static ExportPlan from(ExportRequest request) {
    if (request == null || request.source() == null) {
      throw new InvalidRequestException(
          "source", "required", "source is required: digests or review_reports");
    }
    Source source = Source.fromName(request.source());
    if (source == null) {
      throw new InvalidRequestException(
          "source",
          "enum",
          "source must be digests or review_reports, was '" + request.source() + "'");
    }
    int window = request.windowHours() == null ? DEFAULT_WINDOW_HOURS : request.windowHours();
    if (window < 1 || window > MAX_WINDOW_HOURS) {
      throw new InvalidRequestException(
          "window_hours",
          "range",
          "window_hours must be within 1-" + MAX_WINDOW_HOURS + ", was " + window);
    }
    if (request.channel() != null && !CHANNEL.matcher(request.channel()).matches()) {
      throw new InvalidRequestException(
          "channel",
          "pattern",
          "channel must be a channel (@name) or an assignment id of [A-Za-z0-9_-], was '"
              + request.channel()
              + "'");
    }
    String language = request.language() == null ? "ru" : request.language();
    if (!LANGUAGE.matcher(language).matches()) {
      throw new InvalidRequestException(
          "language",
          "pattern",
          "language must be a two-letter code such as ru, was '" + language + "'");
    }
    if (request.limit() != null && (request.limit() < 1 || request.limit() > MAX_LIMIT)) {
      throw new InvalidRequestException(
          "limit", "range", "limit must be within 1-" + MAX_LIMIT + ", was " + request.limit());
    }
    String policy = request.invalidPolicy() == null ? "skip" : request.invalidPolicy();
    if (!policy.equals("skip") && !policy.equals("fail")) {
      throw new InvalidRequestException(
          "invalid_policy", "enum", "invalid_policy must be skip or fail, was '" + policy + "'");
    }
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
