package io.butlerbench.exporter.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.butlerbench.contracts.dataset.DatasetManifest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A version is named by the selection rules and the records, never by the moment of export. */
class ContentAddressTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final List<String> LINES = List.of("{\"sample_id\":\"a\"}\n", "{\"sample_id\":\"b\"}\n");

  static DatasetManifest.Filters filters(String channel, Integer limit, Instant until) {
    return new DatasetManifest.Filters(
        "digests", 24, channel, "ru", limit, "skip", until.minusSeconds(24 * 3600), until);
  }

  static String version(DatasetManifest.Filters filters, List<String> lines) {
    ContentAddress address = new ContentAddress(filters);
    lines.forEach(line -> address.add(line.getBytes(StandardCharsets.UTF_8)));
    return address.version();
  }

  @Test
  void theSameRulesAndRecordsNameTheSameVersionWhenEverTheyAreExported() {
    String version = version(filters(null, null, NOW), LINES);
    assertTrue(version.matches("[0-9a-f]{20}"), version);
    assertEquals(version, version(filters(null, null, NOW.plusSeconds(3600)), LINES));
  }

  @Test
  void otherRecordsOrOtherRulesNameAnotherVersion() {
    String version = version(filters(null, null, NOW), LINES);
    assertNotEquals(version, version(filters(null, null, NOW), LINES.subList(0, 1)));
    assertNotEquals(
        version, version(filters(null, null, NOW), List.of(LINES.get(1), LINES.get(0))));
    assertNotEquals(version, version(filters("@tech_ru", null, NOW), LINES));
    assertNotEquals(version, version(filters(null, 2, NOW), LINES));
  }
}
