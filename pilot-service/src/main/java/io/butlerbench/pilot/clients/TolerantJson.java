package io.butlerbench.pilot.clients;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How answers of other services are read: with the service's own mapper (snake_case, ISO-8601
 * dates) but as a tolerant reader. Requests to this service refuse unknown fields; answers from
 * another may grow a field, or a status, without breaking the pilot.
 */
public final class TolerantJson {
  private TolerantJson() {}

  public static ObjectMapper of(ObjectMapper service) {
    return service
        .copy()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
  }
}
