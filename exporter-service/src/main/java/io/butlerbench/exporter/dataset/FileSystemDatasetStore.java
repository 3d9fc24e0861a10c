package io.butlerbench.exporter.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/**
 * Datasets in a folder: {@code <dataset>/versions/<version>/} holds the parts, {@code
 * manifest.json} and {@code validation-report.json}; {@code <dataset>/latest} names the latest
 * version on its first line and, on its second, the moment that version's data was read. A version
 * is written under {@code <dataset>/.staging-<random>/} and renamed into place in one atomic move,
 * and {@code latest} is replaced by an atomic move too, so a crash at any point leaves either the
 * old state or the new one, never a half-written version.
 *
 * <p>{@link #offerLatest} holds {@code <dataset>/latest.lock} while it compares and moves: a file
 * lock, so that exporters in several processes sharing the folder (on a file system with working
 * locks) cannot interleave either.
 */
public class FileSystemDatasetStore implements DatasetStore {
  private static final String STAGING_PREFIX = ".staging-";

  /**
   * One monitor per dataset folder for the whole JVM: a JVM holds at most one lock on a file, and a
   * second {@code lock()} from another thread fails instead of waiting, so the threads of this JVM
   * (whatever store instance they use) queue here before taking the file lock.
   */
  private static final ConcurrentMap<Path, Object> LATEST_MONITORS = new ConcurrentHashMap<>();

  private final Path root;

  public FileSystemDatasetStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Removes what crashed exports left behind; called once at start. */
  public void removeAbandonedStaging() throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> datasets = Files.list(root)) {
      for (Path dataset : datasets.toList()) {
        try (Stream<Path> entries = Files.list(dataset)) {
          for (Path entry : entries.toList()) {
            if (entry.getFileName().toString().startsWith(STAGING_PREFIX)) {
              deleteTree(entry);
            }
          }
        }
      }
    }
  }

  @Override
  public Staging stage(String datasetId) throws IOException {
    Path dataset = dataset(datasetId);
    Files.createDirectories(dataset.resolve("versions"));
    Path staging = Files.createDirectory(dataset.resolve(STAGING_PREFIX + UUID.randomUUID()));
    return new FileStaging(dataset, staging);
  }

  @Override
  public List<String> datasets() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries
          .filter(p -> Files.isDirectory(p.resolve("versions")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  @Override
  public List<String> versions(String datasetId) throws IOException {
    Path versions = dataset(datasetId).resolve("versions");
    if (!Files.isDirectory(versions)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(versions)) {
      return entries
          .filter(p -> Files.exists(p.resolve("manifest.json")))
          .sorted(Comparator.comparing(FileSystemDatasetStore::lastModified))
          .map(p -> p.getFileName().toString())
          .toList();
    }
  }

  @Override
  public Optional<String> latest(String datasetId) throws IOException {
    return pointer(dataset(datasetId)).map(LatestPointer::version);
  }

  @Override
  public boolean offerLatest(String datasetId, String version, Instant dataAsOf)
      throws IOException {
    Path dataset = dataset(datasetId);
    Path manifest = version(datasetId, version).resolve("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      // latest always names a complete version
      throw new NoSuchFileException(manifest.toString(), null, "not a published version");
    }
    synchronized (LATEST_MONITORS.computeIfAbsent(dataset, d -> new Object())) {
      try (FileChannel lock =
          FileChannel.open(
              dataset.resolve("latest.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE)) {
        lock.lock(); // released when the channel closes
        Optional<LatestPointer> current = pointer(dataset);
        if (current.isPresent() && current.get().dataAsOf().isAfter(dataAsOf)) {
          return current.get().version().equals(version);
        }
        Path replacement = dataset.resolve("latest." + UUID.randomUUID() + ".tmp");
        writeDurably(
            replacement, (version + "\n" + dataAsOf + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(
            replacement,
            dataset.resolve("latest"),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        return true;
      }
    }
  }

  /** What {@code <dataset>/latest} says. */
  private record LatestPointer(String version, Instant dataAsOf) {}

  private static Optional<LatestPointer> pointer(Path dataset) throws IOException {
    Path latest = dataset.resolve("latest");
    if (!Files.exists(latest)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(latest, StandardCharsets.UTF_8);
    // a pointer written before the data time was recorded counts as the oldest data: any
    // canonical export replaces it
    Instant dataAsOf = lines.size() > 1 ? Instant.parse(lines.get(1).trim()) : Instant.MIN;
    return Optional.of(new LatestPointer(lines.get(0).trim(), dataAsOf));
  }

  @Override
  public Optional<byte[]> manifest(String datasetId, String version) throws IOException {
    return read(version(datasetId, version).resolve("manifest.json"));
  }

  @Override
  public Optional<byte[]> validationReport(String datasetId, String version) throws IOException {
    return read(version(datasetId, version).resolve("validation-report.json"));
  }

  @Override
  public Optional<InputStream> part(String datasetId, String version, String partName)
      throws IOException {
    Path part = version(datasetId, version).resolve(checked(partName));
    return Files.isRegularFile(part) ? Optional.of(Files.newInputStream(part)) : Optional.empty();
  }

  private Path dataset(String datasetId) {
    return root.resolve(checked(datasetId));
  }

  private Path version(String datasetId, String version) {
    return dataset(datasetId).resolve("versions").resolve(checked(version));
  }

  /** Names come from URLs: anything that could climb out of the folder is refused. */
  private static String checked(String name) {
    if (!DatasetNames.valid(name)) {
      throw new IllegalArgumentException("not a valid dataset, version or part name: " + name);
    }
    return name;
  }

  private static Optional<byte[]> read(Path file) throws IOException {
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  private static long lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path.resolve("manifest.json")).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeDurably(Path file, byte[] content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(content));
      channel.force(true);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(entry);
      }
    }
  }

  private static final class FileStaging implements Staging {
    private final Path dataset;
    private final Path staging;
    private final List<Path> parts = new ArrayList<>();

    FileStaging(Path dataset, Path staging) {
      this.dataset = dataset;
      this.staging = staging;
    }

    @Override
    public OutputStream newPart(String name) throws IOException {
      Path part = staging.resolve(checked(name));
      parts.add(part);
      return Files.newOutputStream(part, StandardOpenOption.CREATE_NEW);
    }

    @Override
    public boolean publish(String version, byte[] manifest, byte[] validationReport)
        throws IOException {
      writeDurably(staging.resolve("validation-report.json"), validationReport);
      // the manifest last: a version directory with a manifest is complete
      writeDurably(staging.resolve("manifest.json"), manifest);
      for (Path part : parts) {
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
      Path target = dataset.resolve("versions").resolve(checked(version));
      boolean created = !Files.exists(target);
      if (created) {
        try {
          Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
          // a concurrent export of the same content won the rename: same version, same bytes
          if (!Files.exists(target.resolve("manifest.json"))) {
            throw e;
          }
          created = false;
        }
      }
      return created;
    }

    @Override
    public void close() throws IOException {
      deleteTree(staging);
    }
  }
}
