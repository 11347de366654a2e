package dev.chorus.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How the tests wait for a server they started (Payara Micro, Payara Server, WildFly, Keycloak):
 * poll one URL until it answers 200, give up early when the process died, and say in the failure
 * what the server last answered and logged.
 *
 * @param what the server's name in failure messages
 * @param process the server's process to watch, or null when it is not our child (a domain that
 *     asadmin started)
 * @param log the server's log so far, for failure messages
 */
public record HttpReady(String what, Process process, Supplier<String> log) {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** Returns once {@code url} answers 200; throws if {@code within} passes or the process ends. */
  public void await(HttpClient http, URI url, Duration within, Duration every) {
    var request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).build();
    var deadline = System.nanoTime() + within.toNanos();
    var last = "no answer";
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException(
            what + " exited early (exit code " + process.exitValue() + "):\n" + log.get());
      }
      try {
        var res = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() == 200) {
          return;
        }
        last = res.statusCode() + " " + res.body();
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      PayaraProcess.sleep(every.toMillis());
    }
    throw new IllegalStateException(
        what + " not ready within " + within + " (" + last + "):\n" + log.get());
  }
}
