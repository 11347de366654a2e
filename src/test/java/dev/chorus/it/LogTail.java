package dev.chorus.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The end of a server's log file, for the failure messages of the tests that started it. */
public final class LogTail {
  private LogTail() {}

  /** The last {@code lines} lines of {@code log}, or why there are none. */
  public static String of(Path log, int lines) {
    try {
      var all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
