package io.butlerbench.pilot.safety;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The personal data one validation found, bounded for the pilot's document: the first {@link
 * #MAX_LISTED} findings (each masked, its sample id clipped) are listed, every finding is counted.
 * However full of personal data a dataset is, the pilot stays far below MongoDB's 16 MB per
 * document, and one finding is enough to block it.
 */
public final class PersonalDataFindings {
  /** Findings listed on the pilot; the rest are only counted. */
  public static final int MAX_LISTED = 100;

  /** The record schema's limit on a sample id. */
  static final int MAX_SAMPLE_ID = 200;

  private final List<Document> listed = new ArrayList<>();
  private long total;

  /** Records one finding in one field of one record. */
  public void add(String sampleId, String field, PersonalDataScanner.Finding finding) {
    total++;
    if (listed.size() < MAX_LISTED) {
      listed.add(
          new Document(
                  "sample_id",
                  sampleId.length() > MAX_SAMPLE_ID
                      ? sampleId.substring(0, MAX_SAMPLE_ID)
                      : sampleId)
              .append("field", field)
              .append("kind", finding.kind())
              .append("offset", finding.offset())
              .append("masked", finding.masked()));
    }
  }

  public boolean any() {
    return total > 0;
  }

  /** The validation's fields: {@code personal_data} (listed), its total and whether it was cut. */
  public Document appendTo(Document validation) {
    return validation
        .append("personal_data", List.copyOf(listed))
        .append("personal_data_total", total)
        .append("personal_data_truncated", total > listed.size());
  }
}
