package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One scrape of {@code /api/metrics}, parsed by the Prometheus project's own text-format parser
 * ({@code prometheus_client}, Debian's python3-prometheus-client) run as a child process: what a
 * Prometheus server would accept, not what a hand-written reader guesses.
 *
 * @param samples every sample: family, type, name, labels, value
 */
public record Scrape(String contentType, List<JsonObject> samples) {
  /** The scrape token the suite server is configured with (arquillian.xml). */
  public static final String TOKEN = "it-scrape-token";

  static final Path PARSER = Path.of("src/test/metrics/parse-metrics.py");

  /** Scrapes the suite server with its token; fails unless 200. */
  public static Scrape of(TestClient client, boolean openMetrics) {
    return of(client, "Bearer " + TOKEN, openMetrics);
  }

  /**
   * Scrapes the client's server with this Authorization header (none if null); fails unless 200.
   */
  public static Scrape of(TestClient client, String authorization, boolean openMetrics) {
    var reply = get(client, authorization, openMetrics);
    assertEquals(200, reply.statusCode(), reply.body());
    var type = reply.headers().firstValue("Content-Type").orElse("");
    return new Scrape(type, parse(reply.body(), openMetrics));
  }

  /** A raw GET of the endpoint with this Authorization header (none if null). */
  public static HttpResponse<String> get(
      TestClient client, String authorization, boolean openMetrics) {
    var builder =
        HttpRequest.newBuilder(client.base().resolve("api/metrics"))
            .header(
                "Accept",
                openMetrics
                    ? "application/openmetrics-text; version=1.0.0,text/plain;q=0.5"
                    : "text/plain");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    try {
      return client.http().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<JsonObject> parse(String text, boolean openMetrics) {
    try {
      var process =
          new ProcessBuilder(
                  "/usr/bin/python3", PARSER.toString(), openMetrics ? "openmetrics" : "prometheus")
              .redirectError(ProcessBuilder.Redirect.PIPE)
              .start();
      try (var in = process.getOutputStream()) {
        in.write(text.getBytes(StandardCharsets.UTF_8));
      }
      var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the parser did not finish");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "the Prometheus parser refused the scrape: " + err + "\n" + head(text));
      }
      try (var reader = Json.createReader(new StringReader(out))) {
        JsonArray array = reader.readArray();
        return array.getValuesAs(JsonObject.class);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + PARSER + " (python3-prometheus-client)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String head(String text) {
    return text.length() > 3000 ? text.substring(0, 3000) + "…" : text;
  }

  /** Every sample name. */
  public Set<String> names() {
    var names = new TreeSet<String>();
    samples.forEach(s -> names.add(s.getString("name")));
    return names;
  }

  /** The family's type of a sample name ("counter", "gauge", ...). */
  public String typeOf(String sampleName) {
    return samples.stream()
        .filter(s -> s.getString("name").equals(sampleName))
        .map(s -> s.getString("type"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + sampleName + " in " + names()));
  }

  /** The sum of the values of the samples of this name whose labels include {@code labels}. */
  public double value(String sampleName, Map<String, String> labels) {
    var matching =
        samples.stream()
            .filter(s -> s.getString("name").equals(sampleName))
            .filter(s -> matches(s.getJsonObject("labels"), labels))
            .toList();
    if (matching.isEmpty()) {
      throw new AssertionError("no sample " + sampleName + " " + labels + " in " + names());
    }
    return matching.stream().mapToDouble(s -> s.getJsonNumber("value").doubleValue()).sum();
  }

  public double value(String sampleName) {
    return value(sampleName, Map.of());
  }

  private static boolean matches(JsonObject have, Map<String, String> want) {
    return want.entrySet().stream()
        .allMatch(e -> e.getValue().equals(have.getString(e.getKey(), null)));
  }
}
