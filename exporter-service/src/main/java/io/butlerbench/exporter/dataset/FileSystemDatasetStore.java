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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Datasets in a folder: {@code <dataset>/versions/<version>/} holds the parts, {@code
 * manifest.json} and {@code validation-report.json}; {@code <dataset>/latest} names the latest
 * version. A version is written under {@code <dataset>/.staging-<random>/} and renamed into place
 * in one atomic move, and {@code latest} is replaced by an atomic move too, so a crash at any point
 * leaves either the old state or the new one, never a half-written version.
 */
public class FileSystemDatasetStore implements DatasetStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final String STAGING_PREFIX = ".staging-";
  private final Path root;

  public FileSystemDatasetStore(Path root) {
    this.root = root.toAbsolutePath();
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
    Path latest = dataset(datasetId).resolve("latest");
    return Files.exists(latest) ? Optional.of(Files.readString(latest).trim()) : Optional.empty();
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
    if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
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
      Path pointer = dataset.resolve("latest." + UUID.randomUUID() + ".tmp");
      writeDurably(pointer, (version + "\n").getBytes(StandardCharsets.UTF_8));
      Files.move(
          pointer,
          dataset.resolve("latest"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return created;
    }

    @Override
    public void close() throws IOException {
      deleteTree(staging);
    }
  }
}
