package io.butlerbench.seeder.corpus;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.contracts.corpus.CorpusFields.Digest;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/** What the store holds already: documents per channel or assignment in a window, stored ids. */
public final class CorpusCoverage {
  /** The key suffix of a channel's daily (24 h) digests in {@link #countInWindow}. */
  public static final String DAILY = "/24h";

  /** The key suffix of a channel's weekly (168 h) digests in {@link #countInWindow}. */
  public static final String WEEKLY = "/168h";

  private final CorpusCollections collections;

  public CorpusCoverage(CorpusCollections collections) {
    this.collections = collections;
  }

  /**
   * Documents in the window per owner (channel or assignment), in one aggregation instead of a
   * count per owner. Digest keys get the window suffix ({@link #DAILY}, {@link #WEEKLY});
   * assignment keys are the bare id.
   */
  public Map<String, Long> countInWindow(
      Corpus corpus, List<String> owners, Instant from, Instant to) {
    boolean digestWindows = corpus == Corpus.DIGESTS;
    Document groupKey = new Document("key", "$" + corpus.ownerField());
    if (digestWindows) {
      groupKey.append("hours", "$" + Digest.TIME_RANGE_HOURS);
    }
    Map<String, Long> counts = new HashMap<>();
    // both collections name their creation time as a digest does
    for (Document group :
        collections
            .documents(corpus)
            .aggregate(
                List.of(
                    Aggregates.match(
                        Filters.and(
                            Filters.in(corpus.ownerField(), owners),
                            Filters.gte(Digest.CREATED_AT, Date.from(from)),
                            Filters.lte(Digest.CREATED_AT, Date.from(to)))),
                    Aggregates.group(groupKey, Accumulators.sum("count", 1))))) {
      Document key = group.get("_id", Document.class);
      String name = key.getString("key");
      if (digestWindows) {
        name += ((Number) key.get("hours")).intValue() == 24 ? DAILY : WEEKLY;
      }
      counts.put(name, ((Number) group.get("count")).longValue());
    }
    return counts;
  }

  /** Which of {@code ids} are stored already. */
  public Set<String> existingIds(Corpus corpus, List<String> ids) {
    MongoCollection<Document> collection = collections.documents(corpus);
    Set<String> existing = new HashSet<>();
    // _id equals the business id by construction, and _id is the index every server has
    for (Document found :
        collection
            .find(Filters.in(CorpusFields.ID, ids))
            .projection(Projections.include(CorpusFields.ID))) {
      existing.add(found.getString(CorpusFields.ID));
    }
    return existing;
  }
}
