package io.butlerbench.pilot.clients;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A run the pilot asks the benchmark for ({@code POST /runs}); {@code candidateModel} is left out
 * for a run of the stored summaries (the baseline's).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRequest(
    String scenario, String datasetVersion, String judge, String candidateModel) {}
