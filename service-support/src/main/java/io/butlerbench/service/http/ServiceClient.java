package io.butlerbench.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.service.problem.UpstreamException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every service does when it reads another one: requests with its own token, NDJSON streamed
 * line by line, and a liveness probe for readiness checks. A request must be answered (its headers)
 * within 60 s; a streamed body then fails if its sender is silent for the idle time, 60 s unless
 * told.
 */
public final class ServiceClient {
  private final String baseUrl;
  private final Supplier<String> token;
  private final ObjectMapper json;
  private final Duration idleTimeout;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** {@code token}: this service's own token, asked for on every request (it may be rotated). */
  public ServiceClient(String baseUrl, Supplier<String> token, ObjectMapper json) {
    this(baseUrl, token, json, Duration.ofSeconds(60));
  }

  /** {@code idleTimeout}: how long a streamed body may send nothing before its read fails. */
  public ServiceClient(
      String baseUrl, Supplier<String> token, ObjectMapper json, Duration idleTimeout) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.token = token;
    this.json = json;
    this.idleTimeout = idleTimeout;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public HttpClient http() {
    return http;
  }

  /**
   * A request to {@code path} with this service's token and a 60 s timeout, which ends with the
   * response headers: it does not bound the reading of the body.
   */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token.get());
  }

  /**
   * GETs {@code path} and hands each non-blank NDJSON line, parsed, to {@code lines}. A failure is
   * an {@link UpstreamException}: a timed-out one (504) when the body went silent for the idle
   * time.
   */
  public void forEachJsonLine(String path, Consumer<JsonNode> lines) {
    try {
      HttpResponse<InputStream> response =
          http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader reader = lines(response, path)) {
        if (response.statusCode() != 200) {
          throw new IOException(baseUrl + path + " answered HTTP " + response.statusCode());
        }
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (!line.isBlank()) {
            lines.accept(json.readTree(line));
          }
        }
      }
    } catch (IOException e) {
      throw new UpstreamException(baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + baseUrl + path, e);
    }
  }

  /** NDJSON lines read one at a time as they arrive; close it to let the connection go. */
  public interface JsonLines extends Closeable {
    /** The next non-blank line, parsed; null at the end. */
    JsonNode next() throws IOException;
  }

  /**
   * GETs {@code path} and answers its NDJSON lines to be read one at a time: the caller pulls (and
   * holds) one line at a time, and closes it. A failure to connect or an answer other than 200 is
   * an {@link UpstreamException} here, before anything was read; a body silent for the idle time
   * fails {@link JsonLines#next()} with an {@link java.net.http.HttpTimeoutException}.
   */
  public JsonLines openJsonLines(String path) {
    try {
      HttpResponse<InputStream> response =
          http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      BufferedReader reader = lines(response, path);
      if (response.statusCode() != 200) {
        reader.close();
        throw new IOException(baseUrl + path + " answered HTTP " + response.statusCode());
      }
      return new JsonLines() {
        @Override
        public JsonNode next() throws IOException {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isBlank()) {
              return json.readTree(line);
            }
          }
          return null;
        }

        @Override
        public void close() throws IOException {
          reader.close();
        }
      };
    } catch (IOException e) {
      throw new UpstreamException(baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + baseUrl + path, e);
    }
  }

  /** The body's lines; a read fails once the body has been silent for the idle time. */
  private BufferedReader lines(HttpResponse<InputStream> response, String path) {
    return new BufferedReader(
        new InputStreamReader(
            new IdleDeadlineStream(response.body(), baseUrl + path, idleTimeout),
            StandardCharsets.UTF_8));
  }

  /** Whether the service answers its liveness probe within 2 s. */
  public boolean live() {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/live"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
