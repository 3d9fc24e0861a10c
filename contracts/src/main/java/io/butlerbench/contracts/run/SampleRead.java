package io.butlerbench.contracts.run;

import java.time.Instant;

/**
 * A sample of a run that a subject was served by {@code GET /runs/{id}/samples/{sample_id}}, with
 * the first time ({@code GET /runs/{id}/reads?subject=}): what a pilot's {@code samples_read} is
 * checked against.
 */
public record SampleRead(String sampleId, String subject, Instant readAt) {}
