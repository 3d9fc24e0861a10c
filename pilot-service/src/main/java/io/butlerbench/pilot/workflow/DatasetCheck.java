package io.butlerbench.pilot.workflow;

import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.pilot.clients.DatasetValidation;
import io.butlerbench.pilot.clients.Services;
import io.butlerbench.pilot.safety.PersonalDataFindings;
import io.butlerbench.pilot.safety.PersonalDataScanner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;

/**
 * Validating a pilot's dataset: the exporter's schema check and a personal-data scan of every
 * record. Findings keep the pilot in DRAFT (recorded and listed); a clean dataset moves it to
 * VALIDATED with its checksum.
 */
final class DatasetCheck {
  private final PilotStore store;
  private final Services services;
  private final Transitions transitions;
  private final Clock clock;
  private final PersonalDataScanner scanner = new PersonalDataScanner();

  DatasetCheck(PilotStore store, Services services, Transitions transitions, Clock clock) {
    this.store = store;
    this.services = services;
    this.transitions = transitions;
    this.clock = clock;
  }

  /**
   * Schema check by the exporter and a personal-data scan of every record. Findings keep the pilot
   * in DRAFT (recorded and listed); a clean dataset moves it to VALIDATED with its checksum.
   */
  Document validate(String id, String actor) {
    Document pilot = transitions.load(id);
    PilotState state = Steps.state(pilot);
    Workflow.next(state, PilotAction.VALIDATE);
    String dataset = pilot.getString("dataset_id");
    String version = pilot.getString("dataset_version");
    DatasetValidation schema = services.validateDataset(dataset, version);
    // bounded: the first findings listed, all counted (a pilot is one MongoDB document)
    PersonalDataFindings findings = new PersonalDataFindings();
    long[] records = {0};
    services.forEachRecord(
        dataset,
        version,
        record -> {
          records[0]++;
          scan(record.sampleId(), "source_text", record.sourceText(), findings);
          scan(record.sampleId(), "summary_markdown", record.summaryMarkdown(), findings);
        });
    DatasetManifest manifest =
        PilotCreation.manifest(services, dataset, version, "dataset_version");
    long invalid = schema.invalid();
    Document validation =
        findings
            .appendTo(new Document("records_scanned", records[0]).append("schema_invalid", invalid))
            .append("dataset_checksum", checksum(manifest))
            .append("passed", invalid == 0 && !findings.any())
            .append("at", Date.from(clock.instant()));
    if (!validation.getBoolean("passed")) {
      if (!store.amend(
          id,
          state,
          PilotAction.VALIDATE,
          actor,
          new Document("validation", validation),
          clock.instant())) {
        throw transitions.refusedNow(id, PilotAction.VALIDATE);
      }
      return transitions.load(id);
    }
    return transitions.move(
        pilot, PilotAction.VALIDATE, actor, new Document("validation", validation));
  }

  /** The personal data in one field of one record, added to {@code findings}. */
  private void scan(String sampleId, String field, String text, PersonalDataFindings findings) {
    for (PersonalDataScanner.Finding finding : scanner.scan(text == null ? "" : text)) {
      findings.add(sampleId == null ? "" : sampleId, field, finding);
    }
  }

  /** SHA-256 over the parts' own SHA-256 values, in order: one number for the whole dataset. */
  private static String checksum(DatasetManifest manifest) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (DatasetManifest.Part part :
          manifest.parts() == null ? List.<DatasetManifest.Part>of() : manifest.parts()) {
        digest.update(
            java.util.Objects.toString(part.sha256(), "").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
