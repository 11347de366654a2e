package dev.chorus.e2e.bidi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An X server in memory (Debian's {@code Xvfb}) for a browser that needs a screen: headless Firefox
 * has none to capture, so getDisplayMedia fails there. Each instance takes the first free display
 * number from {@value #FIRST} up, listens on its Unix socket only and ends with {@link #close()}.
 */
final class VirtualDisplay implements AutoCloseable {
  private static final int FIRST = 90;
  private static final int LAST = 189;
  private static final long START_NANOS = 20_000_000_000L;
  private static final Path SOCKETS = Path.of("/tmp/.X11-unix");

  private final Process process;
  private final int number;

  private VirtualDisplay(Process process, int number) {
    this.process = process;
    this.number = number;
  }

  /** The value for {@code DISPLAY}, e.g. {@code :90}. */
  String display() {
    return ":" + number;
  }

  /**
   * Starts {@code binary} (Xvfb) with one 1280×900 screen, logging to {@code log}. A number whose
   * lock file exists belongs to another server (perhaps another build's), so it is skipped; one
   * taken between that check and the start makes Xvfb exit, and the next number is tried.
   */
  static VirtualDisplay start(String binary, Path log) {
    try {
      for (var n = FIRST; n <= LAST; n++) {
        if (Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
          continue;
        }
        var process =
            new ProcessBuilder(
                    binary, ":" + n, "-screen", "0", "1280x900x24", "-nolisten", "tcp", "-noreset")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (awaitSocket(process, n)) {
          return new VirtualDisplay(process, n);
        }
        if (process.isAlive()) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          throw new IllegalStateException(
              binary + " :" + n + " did not open its socket: " + Files.readString(log));
        }
      }
      throw new IllegalStateException(
          "no free X display from :" + FIRST + " to :" + LAST + " for " + binary);
    } catch (IOException e) {
      throw new UncheckedIOException(binary + " could not be started (apt-get install xvfb)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** True once display {@code n}'s socket exists; false if the server exited (number taken). */
  private static boolean awaitSocket(Process process, int n) throws InterruptedException {
    var socket = SOCKETS.resolve("X" + n);
    var deadline = System.nanoTime() + START_NANOS;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      if (Files.exists(socket)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
