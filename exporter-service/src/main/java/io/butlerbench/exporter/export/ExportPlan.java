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
    int window = request.windowHours() == null ? 24 : request.windowHours();
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

  public String invalidPolicy() {
    return failOnInvalid ? "fail" : "skip";
  }
}
