package io.butlerbench.localstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack runs the server under a supervisor: a killed server comes back by itself. */
class SupervisorTest {
  @TempDir Path data;

  static Optional<ProcessHandle> server(ServerProcess supervisor) {
    return supervisor.process().children().filter(ProcessHandle::isAlive).findFirst();
  }

  @Test
  void aKilledServerIsStartedAgainAndStopsWithItsSupervisor() throws Exception {
    Path file = data.resolve("butler.mv");
    int port = ServerProcess.freePort();
    try (ServerProcess supervisor =
        ServerProcess.start("64m", port, file, "--supervise", "--heap", "128m").awaitServing()) {
      ProcessHandle first = server(supervisor).orElseThrow();
      try (MongoClient client = MongoClients.create(supervisor.connectionString())) {
        MongoCollection<Document> probes = client.getDatabase("butler").getCollection("probes");
        probes.insertOne(new Document("_id", "before"));

        first.destroyForcibly();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    server(supervisor).filter(p -> p.pid() != first.pid()).isPresent()
                        && ServerProcess.accepts(port));
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .untilAsserted(() -> probes.insertOne(new Document("_id", "after")));
        assertEquals(1, probes.countDocuments(new Document("_id", "after")));
      }
      assertTrue(supervisor.log().contains("signal 9 (killed)"), supervisor.log());
      assertTrue(supervisor.log().contains("was not closed cleanly"), supervisor.log());

      ProcessHandle second = server(supervisor).orElseThrow();
      supervisor.process().destroy();
      assertTrue(supervisor.process().waitFor(30, TimeUnit.SECONDS), "the supervisor stops");
      await().atMost(Duration.ofSeconds(30)).until(() -> !second.isAlive());
      assertFalse(Files.exists(data.resolve("butler.mv.open")), "the store was closed cleanly");
      assertTrue(supervisor.log().contains("closed cleanly"), supervisor.log());
    }
  }
}
