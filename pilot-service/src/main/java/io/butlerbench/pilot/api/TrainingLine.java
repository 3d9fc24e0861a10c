package io.butlerbench.pilot.api;

import java.util.List;

/**
 * One line of the training file ({@code application/x-ndjson}): a chat of system prompt, source
 * text (user) and reference summary (assistant). Declared for the API's description.
 */
public record TrainingLine(List<Message> messages) {

  public record Message(String role, String content) {}
}
