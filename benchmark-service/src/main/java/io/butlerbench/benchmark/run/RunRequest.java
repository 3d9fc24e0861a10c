package io.butlerbench.benchmark.run;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /runs}. {@code scenario} is required; {@code dataset_version} defaults to the
 * exporter's latest; {@code judge} is {@code dry-run} (default), {@code reference} or {@code llm};
 * {@code repeats} (1-10) judges every sample that many times, with seeds {@code seed + repeat};
 * {@code deadline_seconds} bounds the run's wall time (default {@code benchmark.run-deadline}). A
 * {@code candidate_model} needs a judge that calls the LLM: a dry run never does.
 */
@RegisterForReflection
public record RunRequest(
    String scenario,
    String datasetVersion,
    String judge,
    String candidateModel,
    Integer concurrency,
    Long seed,
    Double temperature,
    Boolean warnAsFail,
    Integer repeats,
    Long deadlineSeconds) {}
