package io.butlerbench.contracts.run;

/**
 * Per injected defect of a run: the mean of the metric it targets on the samples that carry it,
 * against the mean on clean samples. A judge worth its name scores the defective ones lower.
 */
public record DefectBreakdown(
    String defect,
    String metric,
    Double meanWithDefect,
    Double meanClean,
    Long samplesWithDefect) {}
