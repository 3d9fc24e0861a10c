package io.butlerbench.exporter.schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One broken schema rule: the keyword that failed ({@code required}, {@code type}, {@code enum},
 * ...), where in the record (a JSON pointer) and the validator's message.
 */
@RegisterForReflection
public record Violation(String rule, String location, String message) {}
