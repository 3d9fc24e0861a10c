package io.butlerbench.exporter.export;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /exports}. Only {@code source} is required ({@code digests} or {@code
 * review_reports}); {@code window_hours} looks back from now (default 24; 168 for a weekly
 * dataset); {@code channel} narrows to one channel (or assignment, for reviews); {@code
 * invalid_policy} is {@code skip} (default: skip and report) or {@code fail}.
 */
@RegisterForReflection
public record ExportRequest(
    String source,
    Integer windowHours,
    String channel,
    String language,
    Integer limit,
    String invalidPolicy) {}
