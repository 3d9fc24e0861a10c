package io.butlerbench.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash can leave in the data file, repaired when the server starts, and said in its log.
 */
class StoreRepairTest {
  @TempDir Path data;

  /**
   * The state row 14 of issue 8 ended in, made on purpose: with the stock backend a kill can store
   * a document without its index entries; {@code find} by id then returns nothing and inserting it
   * answers "Document with key ... already existed", on every retry.
   */
  @Test
  void documentsMissingFromTheirIndexesAreReindexedAtStart() throws Exception {
    Path file = data.resolve("butler.mv");
    int port = ServerProcess.freePort();
    MongoServer stock = new MongoServer(new H2Backend(file.toString()));
    stock.bind(new InetSocketAddress("127.0.0.1", port));
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
      MongoCollection<Document> digests = client.getDatabase("butler").getCollection("digests");
      digests.createIndex(Indexes.ascending("digest_id"), new IndexOptions().unique(true));
      List<Document> documents = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        documents.add(new Document("_id", "d-" + i).append("digest_id", "d-" + i));
      }
      digests.insertMany(documents);
    } finally {
      stock.shutdown();
    }
    try (MVStore store = MVStore.open(file.toString())) {
      for (String index : List.of("_id_", "digest_id_1")) {
        MVMap<Object, Object> map = store.openMap("butler.digests._index_" + index);
        Object entry = map.keyList().get(42);
        map.remove(entry);
      }
      store.commit();
    }

    try (ServerProcess server = ServerProcess.start("128m", port, file).awaitServing();
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> digests = client.getDatabase("butler").getCollection("digests");
      assertEquals(100, digests.countDocuments());
      for (int i = 0; i < 100; i++) {
        Document found = digests.find(Filters.eq("_id", "d-" + i)).first();
        assertNotNull(found, "d-" + i + " is stored but find does not return it");
      }
      MongoWriteException again =
          assertThrows(
              MongoWriteException.class,
              () -> digests.insertOne(new Document("_id", "d-42").append("digest_id", "d-42")));
      assertEquals(
          ErrorCategory.DUPLICATE_KEY,
          ErrorCategory.fromErrorCode(again.getCode()),
          again.getMessage());
      digests.insertOne(new Document("_id", "d-100").append("digest_id", "d-100"));
      assertEquals(101, digests.countDocuments());
      assertTrue(
          server.log().contains("rebuilding their indexes"),
          "the log says what was repaired:\n" + server.log());
    }
  }

  @Test
  void aFileThatDoesNotOpenIsMovedAsideAndTheServerStartsEmptySayingSo() throws Exception {
    Path file = data.resolve("butler.mv");
    byte[] garbage = new byte[64 * 1024];
    new java.util.Random(7).nextBytes(garbage);
    Files.write(file, garbage);
    int port = ServerProcess.freePort();
    try (ServerProcess server = ServerProcess.start("128m", port, file).awaitServing();
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> digests = client.getDatabase("butler").getCollection("digests");
      digests.insertOne(new Document("_id", "after-repair"));
      assertEquals(1, digests.countDocuments());
      assertTrue(
          server.log().contains("starting with an empty store"),
          "the log says what it did:\n" + server.log());
      try (Stream<Path> files = Files.list(data)) {
        assertTrue(
            files.anyMatch(p -> p.getFileName().toString().startsWith("butler.mv.damaged-")),
            "the damaged file is kept");
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
