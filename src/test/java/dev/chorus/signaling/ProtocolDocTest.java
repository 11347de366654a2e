package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md and the code agree: every documented client message has a handler and every
 * handled type is documented; every documented server message is sent somewhere and every type the
 * server sends is documented.
 */
class ProtocolDocTest {
  private static final Pattern HEADING = Pattern.compile("^### `([a-z.]+)`$", Pattern.MULTILINE);

  /** A type given to push/reply/add("type", …), or a constant that starts a JSON message. */
  private static final Pattern SENT =
      Pattern.compile(
          "(?:push|reply)\\(\\s*\"([a-z.]+)\"|add\\(\"type\", \"([a-z.]+)\"\\)"
              + "|= \"\\{\\\\\"type\\\\\":\\\\\"([a-z.]+)\\\\\"");

  @Test
  void everyDocumentedClientMessageIsHandledAndViceVersa() throws Exception {
    assertEquals(documented("## Client → server"), HandledTypes.all());
  }

  @Test
  void everyDocumentedServerMessageIsSentAndViceVersa() throws IOException {
    assertEquals(documented("## Server → client"), sentTypes());
  }

  private static Set<String> documented(String section) throws IOException {
    var doc = Files.readString(Path.of("docs/protocol.md"));
    int start = doc.indexOf(section);
    assertTrue(start >= 0, "docs/protocol.md has a section " + section);
    int end = doc.indexOf("\n## ", start + section.length());
    var part = doc.substring(start, end < 0 ? doc.length() : end);
    var types = new TreeSet<String>();
    var m = HEADING.matcher(part);
    while (m.find()) {
      types.add(m.group(1));
    }
    return types;
  }

  private static Set<String> sentTypes() throws IOException {
    var types = new TreeSet<String>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        var m = SENT.matcher(Files.readString(file));
        while (m.find()) {
          types.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
      }
    }
    return types;
  }
}
