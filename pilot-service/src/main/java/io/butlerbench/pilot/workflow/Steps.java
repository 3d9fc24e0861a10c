package io.butlerbench.pilot.workflow;

import io.butlerbench.service.problem.InvalidRequestException;
import org.bson.Document;

/** What every step reads of a pilot and asks of a request. */
final class Steps {
  private Steps() {}

  static PilotState state(Document pilot) {
    return PilotState.valueOf(pilot.getString("state"));
  }

  static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field, "required", field + " is required");
    }
  }
}
