package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=simulcast:<send|recv> <list> [<recv|send> <list>]} (RFC 8853 §5.1, <a
 * href="https://www.rfc-editor.org/rfc/rfc8853#section-5.1">rfc8853#section-5.1</a>). A list is
 * {@code ;}-separated streams, each a {@code ,}-separated set of alternative rids, each rid
 * optionally paused with {@code ~}: {@code send 1;2,3 recv ~4}.
 *
 * @param send the send streams (empty when absent), each a list of alternatives
 * @param recv the receive streams (empty when absent)
 * @param recvFirst whether {@code recv} was written before {@code send}
 */
public record Simulcast(
    List<List<Simulcast.Stream>> send, List<List<Simulcast.Stream>> recv, boolean recvFirst)
    implements Attribute {

  /** One {@code sc-id}: a rid, possibly paused. */
  public record Stream(String rid, boolean paused) {
    public Stream {
      if (!Rid.isRidId(rid)) {
        throw new IllegalArgumentException("simulcast rid is not a rid-id: " + rid);
      }
    }

    @Override
    public String toString() {
      return paused ? "~" + rid : rid;
    }
  }

  public Simulcast {
    send = copy(send, "send");
    recv = copy(recv, "recv");
    if (send.isEmpty() && recv.isEmpty()) {
      throw new IllegalArgumentException("simulcast needs a send or a recv list");
    }
    // the order only matters when both lists are present; normalised so equal values compare equal
    recvFirst = recvFirst && !send.isEmpty() && !recv.isEmpty();
  }

  private static List<List<Stream>> copy(List<List<Stream>> streams, String what) {
    List<List<Stream>> out = new ArrayList<>();
    for (List<Stream> alternatives : Grammar.requireNoNulls(streams, "simulcast " + what)) {
      List<Stream> alt = Grammar.requireNoNulls(alternatives, "simulcast " + what);
      if (alt.isEmpty()) {
        throw new IllegalArgumentException("simulcast " + what + " has an empty stream");
      }
      out.add(alt);
    }
    return List.copyOf(out);
  }

  /** {@code a=simulcast:send r1;r2;...}: one rid per stream, none paused. */
  public static Simulcast send(List<String> rids) {
    return new Simulcast(
        rids.stream().map(r -> List.of(new Stream(r, false))).toList(), List.of(), false);
  }

  /** {@code a=simulcast:recv r1;r2;...}, what an SFU answers to a browser's send list. */
  public static Simulcast recv(List<String> rids) {
    return new Simulcast(
        List.of(), rids.stream().map(r -> List.of(new Stream(r, false))).toList(), false);
  }

  static Simulcast parseValue(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "simulcast");
    if (f.size() != 2 && f.size() != 4) {
      throw new Malformed("simulcast needs '<send|recv> <list> [<recv|send> <list>]'");
    }
    List<List<Stream>> send = List.of();
    List<List<Stream>> recv = List.of();
    for (int i = 0; i < f.size(); i += 2) {
      List<List<Stream>> list = parseList(f.get(i + 1));
      switch (f.get(i)) {
        case "send" -> {
          if (!send.isEmpty()) {
            throw new Malformed("simulcast has two send lists");
          }
          send = list;
        }
        case "recv" -> {
          if (!recv.isEmpty()) {
            throw new Malformed("simulcast has two recv lists");
          }
          recv = list;
        }
        default -> throw new Malformed("simulcast direction must be send or recv: " + f.get(i));
      }
    }
    return new Simulcast(send, recv, f.get(0).equals("recv"));
  }

  private static List<List<Stream>> parseList(String list) throws Malformed {
    List<List<Stream>> streams = new ArrayList<>();
    for (String stream : list.split(";", -1)) {
      List<Stream> alternatives = new ArrayList<>();
      for (String id : stream.split(",", -1)) {
        boolean paused = id.startsWith("~");
        String rid = paused ? id.substring(1) : id;
        if (!Rid.isRidId(rid)) {
          throw new Malformed("simulcast: '" + id + "' is not a rid-id");
        }
        alternatives.add(new Stream(rid, paused));
      }
      streams.add(alternatives);
    }
    return streams;
  }

  /** The first alternative of each send stream, in the offered order of preference. */
  public List<String> sendRids() {
    return send.stream().map(alt -> alt.get(0).rid()).toList();
  }

  public List<String> recvRids() {
    return recv.stream().map(alt -> alt.get(0).rid()).toList();
  }

  private static String format(String direction, List<List<Stream>> streams) {
    StringBuilder sb = new StringBuilder(direction).append(' ');
    for (int i = 0; i < streams.size(); i++) {
      if (i > 0) {
        sb.append(';');
      }
      List<Stream> alt = streams.get(i);
      for (int j = 0; j < alt.size(); j++) {
        sb.append(j > 0 ? "," : "").append(alt.get(j));
      }
    }
    return sb.toString();
  }

  @Override
  public String attributeName() {
    return "simulcast";
  }

  @Override
  public String attributeValue() {
    String s = send.isEmpty() ? null : format("send", send);
    String r = recv.isEmpty() ? null : format("recv", recv);
    if (s == null) {
      return r;
    }
    if (r == null) {
      return s;
    }
    return recvFirst ? r + " " + s : s + " " + r;
  }
}
