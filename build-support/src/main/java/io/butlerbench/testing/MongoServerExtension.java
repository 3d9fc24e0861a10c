package io.butlerbench.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For plain (non-Quarkus) tests: one in-process MongoDB server and driver client per test class,
 * and a fresh database whenever a test asks. Register with {@code @RegisterExtension static final
 * MongoServerExtension MONGO = new MongoServerExtension();}.
 */
public final class MongoServerExtension implements BeforeAllCallback, AfterAllCallback {
  private InProcessMongo server;
  private MongoClient client;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = InProcessMongo.start();
    client = MongoClients.create(server.connectionString());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    client.close();
    server.close();
  }

  /** A database no other test has used. */
  public MongoDatabase freshDatabase() {
    return client.getDatabase("test_" + System.nanoTime());
  }
}
