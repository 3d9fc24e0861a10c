package io.butlerbench.pilot.clients;

import java.time.Instant;

/** A sample of a run the benchmark served to {@code subject}, and when. */
public record SampleRead(String sampleId, String subject, Instant readAt) {}
