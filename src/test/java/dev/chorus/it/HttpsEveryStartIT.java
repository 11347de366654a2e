package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro started five times with the run command's options serves HTTPS every time. The HTTPS
 * listener used to be reconfigured after boot (HTTP/2 off), which in about one start of three left
 * it dead ("GrizzlyProxy is NULL"); the setting is now applied before boot.
 */
class HttpsEveryStartIT {
  private static final int STARTS = 5;

  @Test
  void everyStartServesHttpsOverHttp11() throws Exception {
    var work = Path.of("target", "it-https-starts", UUID.randomUUID().toString()).toAbsolutePath();
    var props = Map.of("chorus.db.url", "jdbc:h2:file:" + work.resolve("db/chorus"));
    var http =
        HttpClient.newBuilder()
            .sslContext(TestClient.TRUST_ALL)
            .version(HttpClient.Version.HTTP_2)
            .build();
    for (int start = 1; start <= STARTS; start++) {
      // start() returns only once /health/ready answers 200 over HTTPS.
      try (var server = PayaraProcess.start(work, props)) {
        var page =
            http.send(
                HttpRequest.newBuilder(server.https()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), "start " + start + ": the page over HTTPS");
        // Asked for HTTP/2, got HTTP/1.1: the pre-boot command was applied to the listener.
        assertEquals(HttpClient.Version.HTTP_1_1, page.version(), "start " + start);
        assertFalse(server.log().contains("GrizzlyProxy is NULL"), "start " + start);
      }
    }
  }
}
