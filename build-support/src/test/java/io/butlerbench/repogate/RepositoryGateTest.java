package io.butlerbench.repogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Repository-wide rules that {@code verify} enforces: every YAML and JSON file parses, and no file
 * in git is over 500 KB (large data belongs in generated datasets, not in the repository).
 */
class RepositoryGateTest {
  private static final long MAX_TRACKED_BYTES = 500L * 1024;
  private static final Path ROOT = Path.of(System.getProperty("repository.root", "..")).normalize();

  @Test
  void everyYamlAndJsonFileParses() throws IOException {
    List<Path> files = trackedFiles();
    List<String> broken = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    YAMLMapper yaml = new YAMLMapper();
    int checked = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        if (name.endsWith(".json")) {
          json.readTree(file.toFile());
          checked++;
        } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
          try (var parser = new YAMLFactory().createParser(file.toFile())) {
            yaml.readValues(parser, Object.class).readAll();
          }
          checked++;
        }
      } catch (IOException e) {
        broken.add(ROOT.relativize(file) + ": " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    assertTrue(checked > 0, "the gate found no YAML or JSON file under " + ROOT.toAbsolutePath());
    assertEquals(List.of(), broken, "files that do not parse");
  }

  @Test
  void noTrackedFileIsOver500Kilobytes() throws IOException {
    List<String> oversized = new ArrayList<>();
    for (Path file : trackedFiles()) {
      long size = Files.size(file);
      if (size > MAX_TRACKED_BYTES) {
        oversized.add(ROOT.relativize(file) + " (" + size / 1024 + " KB)");
      }
    }
    assertEquals(List.of(), oversized, "tracked files over 500 KB");
  }

  @Test
  void gateSeesTheRepository() throws IOException {
    assertFalse(trackedFiles().isEmpty(), "no files found under " + ROOT.toAbsolutePath());
    assertTrue(Files.exists(ROOT.resolve("pom.xml")), "repository.root is not the project root");
  }

  /** Files git tracks or would track (untracked but not ignored), so new files are gated too. */
  private static List<Path> trackedFiles() throws IOException {
    Process git =
        new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
            .directory(ROOT.toFile())
            .redirectErrorStream(false)
            .start();
    String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (git.waitFor() != 0) {
        throw new IOException("git ls-files failed in " + ROOT.toAbsolutePath());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while listing files", e);
    }
    List<Path> files = new ArrayList<>();
    for (String entry : listing.split("\0")) {
      Path file = ROOT.resolve(entry);
      if (!entry.isEmpty() && Files.isRegularFile(file)) {
        files.add(file);
      }
    }
    return files;
  }
}
