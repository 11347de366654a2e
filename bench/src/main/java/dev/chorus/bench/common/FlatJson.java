package dev.chorus.bench.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The little JSON the benches need: reading a flat field from a server answer, and quoting a
 * string into a request. No parser: the answers they read are small and known.
 */
public final class FlatJson {
  private FlatJson() {}

  private static final String BATCH_OPEN = "{\"type\":\"batch\",\"messages\":[";

  /**
   * The messages one frame from the server holds: itself, or the elements of a {@code batch}
   * (docs/protocol.md), split by brace depth outside strings, in order.
   */
  public static List<String> messages(String frame) {
    if (!frame.startsWith(BATCH_OPEN)) {
      return List.of(frame);
    }
    var out = new ArrayList<String>();
    int depth = 0;
    int start = -1;
    boolean inString = false;
    for (int i = BATCH_OPEN.length(); i < frame.length(); i++) {
      char c = frame.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' && depth++ == 0) {
        start = i;
      } else if (c == '}' && --depth == 0) {
        out.add(frame.substring(start, i + 1));
      } else if (c == ']' && depth == 0) {
        break;
      }
    }
    return out;
  }

  /** The first string or number value of {@code name} in the JSON text, or null. */
  public static String field(String json, String name) {
    var m =
        Pattern.compile(
                "\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]++|\\\\.)*+)\"|-?\\d+)")
            .matcher(json);
    if (!m.find()) {
      return null;
    }
    return m.group(2) != null ? unescape(m.group(2)) : m.group(1);
  }

  public static String unescape(String s) {
    var b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> b.append(n);
      }
    }
    return b.toString();
  }

  public static String quote(String s) {
    var b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\r' -> b.append("\\r");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
