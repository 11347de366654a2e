package dev.chorus.bench.firstframe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entering of the room, as the viewer page timed it: milestones in page milliseconds ({@code
 * performance.now()}), the selected candidate pair once the first frame was decoded, and the
 * candidate ports the server's offer announced.
 */
record Trial(
    String kind,
    int n,
    Map<String, Double> marks,
    Map<String, Object> pair,
    List<String> offerPorts,
    double maxPollGap,
    Map<String, Object> video,
    Keyframes server) {

  /** The split, in order: from one milestone to the next. */
  static final List<String[]> SPLIT =
      List.of(
          new String[] {"click", "enterSent", "click → room.enter sent"},
          new String[] {"enterSent", "entered", "room.enter → room.entered"},
          new String[] {"entered", "subscribeSent", "room.entered → room.media.subscribe sent"},
          new String[] {"subscribeSent", "offer", "subscribe → room.media.offer"},
          new String[] {"offer", "answerSent", "offer → answer sent (SDP applied, answer made)"},
          new String[] {"answerSent", "iceChecking", "answer → ICE checking"},
          new String[] {"iceChecking", "iceConnected", "ICE checking → connected"},
          new String[] {"iceConnected", "dtlsConnected", "ICE connected → DTLS connected"},
          new String[] {"dtlsConnected", "frameReceived", "DTLS → first frame's packets in"},
          new String[] {"frameReceived", "presented", "frame in → presented (decode, render)"});

  /** Other milestones shown per trial: the getStats view, candidates, the tile. */
  static final List<String> ALSO =
      List.of("pcCreated", "localCandidate", "track", "tile", "firstPacket", "framesDecoded");

  @SuppressWarnings("unchecked")
  static Trial of(String kind, int n, Map<String, Object> result, Keyframes server) {
    var marks = new LinkedHashMap<String, Double>();
    ((Map<String, Object>) result.get("marks"))
        .forEach((k, v) -> marks.put(k, ((Number) v).doubleValue()));
    var pair = (Map<String, Object>) result.get("pair");
    var ports = (List<String>) result.get("offerPorts");
    var gap = ((Number) result.get("maxPollGap")).doubleValue();
    var video = (Map<String, Object>) result.get("video");
    return new Trial(
        kind,
        n,
        marks,
        pair == null ? Map.of() : pair,
        ports,
        gap,
        video == null ? Map.of() : video,
        server);
  }

  /** Milliseconds from one milestone to another, or null when either is missing. */
  Double between(String from, String to) {
    var a = marks.get(from);
    var b = marks.get(to);
    return a == null || b == null ? null : b - a;
  }

  /**
   * The headline: the click on the room to the shower's first frame presented in its tile (decoded
   * and rendered); when the page gave no video frame callback, to getStats' first framesDecoded.
   */
  Double total() {
    var shown = between("click", "presented");
    return shown != null ? shown : between("click", "framesDecoded");
  }

  boolean ok(int udpPort, int tcpPort) {
    return total() != null && pairIsServer(udpPort, tcpPort);
  }

  /** The selected pair's remote end is the SFU's media port (UDP or ICE-TCP). */
  boolean pairIsServer(int udpPort, int tcpPort) {
    var port = pair.get("port");
    if (!(port instanceof Number p)) {
      return false;
    }
    var protocol = String.valueOf(pair.get("protocol"));
    return protocol.equals("udp") ? p.intValue() == udpPort : p.intValue() == tcpPort;
  }

  String pairText() {
    return pair.isEmpty()
        ? "none"
        : pair.get("protocol")
            + " "
            + pair.get("address")
            + ":"
            + pair.get("port")
            + " "
            + pair.get("type");
  }

  String line(int udpPort, int tcpPort) {
    var b = new StringBuilder(kind + " #" + n + ": ");
    b.append(total() == null ? "NO FRAME" : Report.ms(total()) + " ms click → first frame shown");
    b.append(", pair ").append(pairText());
    b.append(pairIsServer(udpPort, tcpPort) ? " (the SFU)" : " (NOT the SFU's port)");
    b.append("; at the first decode ").append(video);
    b.append("; server, click → frame: ").append(server.text());
    b.append("; marks ").append(marks);
    return b.toString();
  }
}
