package dev.chorus.signaling.sdp;

import java.util.Comparator;
import java.util.List;

/**
 * The line order RFC 8866 §5 prescribes (<a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-5">rfc8866#section-5</a>): at session level
 * {@code i u e p c b} (t r)+ {@code z k a}, in a media section {@code i c b k a}. Strict parsers
 * (Firefox's SIPCC among them) refuse a {@code c=} after an {@code a=}, so the model keeps its
 * lines in this order whatever order a builder call or a lax peer used. The sort is stable: lines
 * of one type keep their relative order, and {@code t=} with its {@code r=} lines share one rank so
 * each repeat stays under its own time.
 */
final class LineOrder {
  private static final String SESSION = "iuepcbtzka";
  private static final String MEDIA = "icbka";

  private LineOrder() {}

  static List<SdpLine> session(List<SdpLine> lines) {
    return sorted(lines, SESSION);
  }

  static List<SdpLine> media(List<SdpLine> lines) {
    return sorted(lines, MEDIA);
  }

  private static List<SdpLine> sorted(List<SdpLine> lines, String order) {
    return lines.stream().sorted(Comparator.comparingInt(l -> order.indexOf(type(l)))).toList();
  }

  private static char type(SdpLine line) {
    if (line instanceof Field f) {
      return f.type() == 'r' ? 't' : f.type();
    }
    return line.toLine().charAt(0);
  }
}
