package dev.chorus.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The SDP the bench's peers write and read: a browser-like publish offer (Opus + VP8 with RTX,
 * {@code sendonly}, BUNDLE, rtcp-mux, the mid header extension, optionally two simulcast layers by
 * rid), the server's ICE and DTLS parameters from its answer or offer, and a receive-only answer to
 * a server offer (every section {@code recvonly}, or rejected when the offer has it inactive).
 */
final class Sdp {
  static final int OPUS_PT = 111;
  static final int VP8_PT = 96;
  static final int RTX_PT = 97;
  static final int MID_EXT = 4;
  static final int RID_EXT = 10;

  private Sdp() {}

  /** What the bench needs of the server's side: ICE credentials, fingerprint, UDP port. */
  record Remote(String ufrag, String password, String fingerprint, int udpPort) {
    static Remote parse(String sdp) {
      String ufrag = null;
      String pwd = null;
      String fingerprint = null;
      int port = -1;
      for (var line : sdp.split("\r?\n")) {
        if (ufrag == null && line.startsWith("a=ice-ufrag:")) {
          ufrag = line.substring(12).trim();
        } else if (pwd == null && line.startsWith("a=ice-pwd:")) {
          pwd = line.substring(10).trim();
        } else if (fingerprint == null && line.startsWith("a=fingerprint:")) {
          fingerprint = line.substring(14).trim();
        } else if (port < 0 && line.startsWith("a=candidate:")) {
          // candidate:<foundation> <component> <transport> <priority> <address> <port> typ host
          var f = line.substring(12).split(" ");
          if (f.length > 5 && f[2].equalsIgnoreCase("udp")) {
            port = Integer.parseInt(f[5]);
          }
        }
      }
      if (ufrag == null || pwd == null || fingerprint == null || port < 0) {
        throw new IllegalArgumentException(
            "no ICE credentials, fingerprint or UDP candidate in\n" + sdp);
      }
      return new Remote(ufrag, pwd, fingerprint, port);
    }
  }

  /** The SSRCs a publisher sends with: audio, and per video layer its media and RTX SSRC. */
  record PublishSsrcs(long audio, long[] video, long[] rtx) {}

  /** A publish offer as Chrome sends it for a microphone and a camera (sendonly transceivers). */
  static String publishOffer(MediaPeer peer, PublishSsrcs ssrcs, String cname) {
    var l = new ArrayList<String>();
    l.add("v=0");
    l.add("o=- " + Math.abs(cname.hashCode()) + " 2 IN IP4 127.0.0.1");
    l.add("s=-");
    l.add("t=0 0");
    l.add("a=group:BUNDLE 0 1");
    l.add("a=extmap-allow-mixed");
    l.add("a=msid-semantic: WMS " + cname);
    l.add("m=audio 9 UDP/TLS/RTP/SAVPF " + OPUS_PT);
    common(l, peer, "0");
    l.add("a=sendonly");
    l.add("a=msid:" + cname + " " + cname + "-mic");
    l.add("a=rtcp-mux");
    l.add("a=rtcp-rsize");
    l.add("a=rtpmap:" + OPUS_PT + " opus/48000/2");
    l.add("a=fmtp:" + OPUS_PT + " minptime=10;useinbandfec=1");
    l.add("a=ssrc:" + ssrcs.audio() + " cname:" + cname);
    l.add("m=video 9 UDP/TLS/RTP/SAVPF " + VP8_PT + " " + RTX_PT);
    common(l, peer, "1");
    l.add("a=extmap:" + RID_EXT + " urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id");
    l.add("a=sendonly");
    l.add("a=msid:" + cname + " " + cname + "-camera");
    l.add("a=rtcp-mux");
    l.add("a=rtcp-rsize");
    l.add("a=rtpmap:" + VP8_PT + " VP8/90000");
    l.add("a=rtcp-fb:" + VP8_PT + " ccm fir");
    l.add("a=rtcp-fb:" + VP8_PT + " nack");
    l.add("a=rtcp-fb:" + VP8_PT + " nack pli");
    l.add("a=rtpmap:" + RTX_PT + " rtx/90000");
    l.add("a=fmtp:" + RTX_PT + " apt=" + VP8_PT);
    if (ssrcs.video().length == 1) {
      l.add("a=ssrc-group:FID " + ssrcs.video()[0] + " " + ssrcs.rtx()[0]);
      l.add("a=ssrc:" + ssrcs.video()[0] + " cname:" + cname);
      l.add("a=ssrc:" + ssrcs.rtx()[0] + " cname:" + cname);
    } else {
      // Chrome's simulcast: rids, lowest layer first, no SSRCs announced.
      var rids = new StringBuilder();
      for (int i = 0; i < ssrcs.video().length; i++) {
        l.add("a=rid:" + rid(i) + " send");
        rids.append(i == 0 ? "" : ";").append(rid(i));
      }
      l.add("a=simulcast:send " + rids);
    }
    return String.join("\r\n", l) + "\r\n";
  }

  static String rid(int layer) {
    return switch (layer) {
      case 0 -> "q";
      case 1 -> "h";
      default -> "f";
    };
  }

  private static void common(List<String> l, MediaPeer peer, String mid) {
    l.add("c=IN IP4 0.0.0.0");
    l.add("a=rtcp:9 IN IP4 0.0.0.0");
    l.add("a=ice-ufrag:" + peer.ufrag);
    l.add("a=ice-pwd:" + peer.password);
    l.add("a=ice-options:trickle");
    l.add("a=fingerprint:" + peer.fingerprintSdp());
    l.add("a=setup:actpass");
    l.add("a=mid:" + mid);
    l.add("a=extmap:" + MID_EXT + " urn:ietf:params:rtp-hdrext:sdes:mid");
  }

  /**
   * A receive-only answer to a server offer: each section's media line and codecs kept, {@code
   * recvonly} (or port 0 where the offer's section is inactive), the peer's ICE and DTLS.
   */
  static String answer(String offer, MediaPeer peer) {
    var sections = new ArrayList<List<String>>();
    var session = new ArrayList<String>();
    for (var line : offer.split("\r?\n")) {
      if (line.startsWith("m=")) {
        sections.add(new ArrayList<>());
      }
      (sections.isEmpty() ? session : sections.get(sections.size() - 1)).add(line);
    }
    var l = new ArrayList<String>();
    l.add("v=0");
    l.add("o=- " + Math.abs(peer.ufrag.hashCode()) + " 2 IN IP4 127.0.0.1");
    l.add("s=-");
    l.add("t=0 0");
    var bundle = new StringBuilder("a=group:BUNDLE");
    var body = new ArrayList<String>();
    for (var section : sections) {
      String mid = null;
      boolean inactive = false;
      for (var line : section) {
        if (line.startsWith("a=mid:")) {
          mid = line.substring(6).trim();
        } else if (line.equals("a=inactive")) {
          inactive = true;
        }
      }
      var m = section.get(0);
      if (inactive) {
        // a rejected section: port 0, as a browser answers a section it will not receive
        body.add(m.replaceFirst("^(m=\\w+) \\d+", "$1 0"));
        body.add("c=IN IP4 0.0.0.0");
        body.add("a=mid:" + mid);
        body.add("a=inactive");
        continue;
      }
      bundle.append(' ').append(mid);
      body.add(m.replaceFirst("^(m=\\w+) \\d+", "$1 9"));
      body.add("c=IN IP4 0.0.0.0");
      body.add("a=ice-ufrag:" + peer.ufrag);
      body.add("a=ice-pwd:" + peer.password);
      body.add("a=fingerprint:" + peer.fingerprintSdp());
      body.add("a=setup:active");
      body.add("a=mid:" + mid);
      body.add("a=recvonly");
      body.add("a=rtcp-mux");
      for (var line : section) {
        if (line.startsWith("a=rtpmap:")
            || line.startsWith("a=fmtp:")
            || line.startsWith("a=rtcp-fb:")
            || line.startsWith("a=extmap:")) {
          body.add(line);
        }
      }
    }
    l.add(bundle.toString());
    l.addAll(body);
    return String.join("\r\n", l) + "\r\n";
  }
}
