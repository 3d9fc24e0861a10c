package io.butlerbench.exporter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.exporter.dataset.DatasetReader;
import io.butlerbench.exporter.dataset.DatasetStore;
import io.butlerbench.exporter.dataset.FileSystemDatasetStore;
import io.butlerbench.exporter.export.Exporter;
import io.butlerbench.exporter.schema.RecordSchema;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the plain-Java exporter to Quarkus. */
public class ExporterBeans {

  @Produces
  @Singleton
  RecordSchema recordSchema() {
    return RecordSchema.load();
  }

  @Produces
  @Singleton
  DatasetStore datasetStore(ExporterConfig config) {
    FileSystemDatasetStore store = new FileSystemDatasetStore(Path.of(config.storageDir()));
    try {
      store.removeAbandonedStaging();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the dataset folder " + config.storageDir(), e);
    }
    return store;
  }

  @Produces
  @Singleton
  DatasetReader datasetReader(DatasetStore store, ObjectMapper json) {
    return new DatasetReader(store, json);
  }

  @Produces
  @Singleton
  Exporter exporter(
      MongoDatabase database,
      DatasetStore store,
      RecordSchema schema,
      ObjectMapper json,
      Clock clock,
      ExporterConfig config,
      MeterRegistry meters) {
    return new Exporter(database, store, schema, json, clock, config.maxPartBytes(), meters);
  }
}
