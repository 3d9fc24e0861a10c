package io.butlerbench.seeder.seeding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Keeps every seeding snapshot in the {@code seedings} collection, keyed by its id. */
@Singleton
public class SeedingHistory {
  private final MongoCollection<Document> seedings;
  private final ObjectMapper json;

  public SeedingHistory(MongoDatabase database, ObjectMapper json) {
    this.seedings = database.getCollection("seedings");
    this.json = json;
  }

  public void save(SeedingSnapshot snapshot) {
    try {
      Document document = Document.parse(json.writeValueAsString(snapshot));
      document.put("_id", snapshot.seedingId());
      seedings.insertOne(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<SeedingSnapshot> find(String seedingId) {
    return Optional.ofNullable(seedings.find(Filters.eq("_id", seedingId)).first()).map(this::read);
  }

  public List<SeedingSnapshot> latest(int limit) {
    List<SeedingSnapshot> found = new ArrayList<>();
    for (Document document : seedings.find().sort(Sorts.descending("started_at")).limit(limit)) {
      found.add(read(document));
    }
    return found;
  }

  private SeedingSnapshot read(Document document) {
    document.remove("_id");
    try {
      return json.readValue(document.toJson(), SeedingSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
