package io.butlerbench.pilot.alias;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.butlerbench.testing.MongoServerExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AliasStoreTest {
  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();
  static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

  static AliasStore.Move champion(String scenario, String model, String pilot) {
    return new AliasStore.Move(
        scenario,
        AliasStore.CHAMPION,
        model,
        "ops-owner",
        "релиз",
        pilot,
        "PROMOTE",
        List.of(),
        AT);
  }

  @Test
  void ofTwoMovesExpectingTheSameChampionExactlyOneLands() throws Exception {
    AliasStore aliases = new AliasStore(MONGO.freshDatabase());
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int attempt = 0; attempt < 30; attempt++) {
        String scenario = "scenario-" + attempt;
        aliases.move(champion(scenario, "model-0", "pilot-0"));
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<Optional<Document>>> moves = new ArrayList<>();
        for (String pilot : List.of("pilot-a", "pilot-b")) {
          moves.add(
              threads.submit(
                  () -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    // what a rollback of pilot-0 and a second one racing it both expect
                    return aliases.moveIf(
                        champion(scenario, "model-" + pilot, pilot),
                        current -> "pilot-0".equals(current.getString("pilot_id")));
                  }));
        }
        List<String> landed = new ArrayList<>();
        for (Future<Optional<Document>> move : moves) {
          move.get(10, TimeUnit.SECONDS).ifPresent(event -> landed.add(event.getString("model")));
        }
        assertEquals(1, landed.size(), "attempt " + attempt + ": " + landed);
        assertEquals(
            landed.get(0),
            aliases.latest(scenario, AliasStore.CHAMPION).orElseThrow().getString("model"));
        assertEquals(2, aliases.history(scenario).size());
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void movesWithTheSameTimeAreOrderedByTheirSequence() {
    AliasStore aliases = new AliasStore(MONGO.freshDatabase());
    for (int i = 0; i < 5; i++) {
      aliases.move(champion("digest", "model-" + i, "pilot-" + i));
    }
    assertEquals(
        "model-4", aliases.latest("digest", AliasStore.CHAMPION).orElseThrow().getString("model"));
    assertEquals(
        "model-4", aliases.at("digest", AliasStore.CHAMPION, AT).orElseThrow().getString("model"));
  }
}
