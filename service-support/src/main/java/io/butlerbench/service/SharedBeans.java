package io.butlerbench.service;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The clock and the database every service's plain-Java logic is constructed with. */
public class SharedBeans {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  MongoDatabase database(
      MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String name) {
    return client.getDatabase(name);
  }
}
