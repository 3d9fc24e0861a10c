package io.butlerbench.contracts.run;

/**
 * How far a run is: results it produces in all ({@code total}: every sample, every repeat), results
 * stored ({@code done}) of which ERROR ({@code errors}), and its wall time so far.
 */
public record RunProgress(Long total, Long done, Long errors, Double elapsedSeconds) {}
