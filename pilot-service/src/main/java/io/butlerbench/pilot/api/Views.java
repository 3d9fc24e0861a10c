package io.butlerbench.pilot.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.pilot.clients.TolerantJson;
import io.butlerbench.service.Json;
import jakarta.inject.Singleton;
import org.bson.Document;

/**
 * Stored pilots, audit entries and alias moves as the API answers them. The stored documents use
 * the wire's own names, so each is read into its record by name; a field the record does not know
 * (written by an older version) is left out rather than failing the read.
 */
@Singleton
public class Views {
  private final ObjectMapper json;

  public Views(ObjectMapper json) {
    this.json = TolerantJson.of(json);
  }

  public PilotView pilot(Document pilot) {
    return read(pilot, PilotView.class);
  }

  public AuditEntryView auditEntry(Document entry) {
    return read(entry, AuditEntryView.class);
  }

  public AliasMove aliasMove(Document move) {
    return read(move, AliasMove.class);
  }

  private <T> T read(Document document, Class<T> type) {
    return json.convertValue(Json.of(document), type);
  }
}
