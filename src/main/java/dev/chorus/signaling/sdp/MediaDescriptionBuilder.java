package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link MediaDescription} for an answer or offer the SFU writes. Lines come out in the
 * order the methods are called; {@link #codec} also appends the payload type to the m= formats. Not
 * thread-safe; build on one thread, then share the immutable result.
 */
public final class MediaDescriptionBuilder {
  private final String media;
  private final int port;
  private final String protocol;
  private final List<String> formats = new ArrayList<>();
  private final List<SdpLine> lines = new ArrayList<>();

  MediaDescriptionBuilder(String media, int port, String protocol) {
    this.media = media;
    this.port = port;
    this.protocol = protocol;
  }

  /** Appends an m= format (for non-RTP sections, e.g. {@code webrtc-datachannel}). */
  public MediaDescriptionBuilder format(String format) {
    if (!formats.contains(format)) {
      formats.add(format);
    }
    return this;
  }

  public MediaDescriptionBuilder line(SdpLine line) {
    lines.add(line);
    return this;
  }

  public MediaDescriptionBuilder attribute(Attribute attribute) {
    return line(attribute);
  }

  public MediaDescriptionBuilder connection(Connection connection) {
    return line(connection);
  }

  public MediaDescriptionBuilder mid(String mid) {
    return line(new Attribute.Mid(mid));
  }

  public MediaDescriptionBuilder direction(Direction direction) {
    return line(direction);
  }

  public MediaDescriptionBuilder rtcpMux() {
    return line(Attribute.RTCP_MUX);
  }

  public MediaDescriptionBuilder rtcpReducedSize() {
    return line(Attribute.RTCP_RSIZE);
  }

  public MediaDescriptionBuilder iceCredentials(IceCredentials credentials) {
    line(new Attribute.IceUfrag(credentials.ufrag()));
    return line(new Attribute.IcePwd(credentials.password()));
  }

  public MediaDescriptionBuilder iceOptions(String... options) {
    return line(new Attribute.IceOptions(List.of(options)));
  }

  public MediaDescriptionBuilder fingerprint(Fingerprint fingerprint) {
    return line(fingerprint);
  }

  public MediaDescriptionBuilder setup(Setup setup) {
    return line(setup);
  }

  public MediaDescriptionBuilder candidate(Candidate candidate) {
    return line(candidate);
  }

  public MediaDescriptionBuilder endOfCandidates() {
    return line(Attribute.END_OF_CANDIDATES);
  }

  public MediaDescriptionBuilder extension(int id, String uri) {
    return line(ExtMap.of(id, uri));
  }

  public MediaDescriptionBuilder msid(String streamId, String trackId) {
    return line(new Msid(streamId, trackId));
  }

  /**
   * Adds a payload type: its format, {@code rtpmap}, {@code rtcp-fb} lines and, if {@code fmtp} is
   * not empty, an {@code fmtp} line (Chrome's order).
   */
  public MediaDescriptionBuilder codec(RtpMap rtpMap, String fmtp, List<String> feedback) {
    format(Integer.toString(rtpMap.payloadType()));
    line(rtpMap);
    for (String kind : feedback) {
      int sp = kind.indexOf(' ');
      line(
          sp < 0
              ? RtcpFeedback.of(rtpMap.payloadType(), kind)
              : RtcpFeedback.of(
                  rtpMap.payloadType(), kind.substring(0, sp), kind.substring(sp + 1)));
    }
    if (!fmtp.isEmpty()) {
      line(new Fmtp(rtpMap.payloadType(), fmtp));
    }
    return this;
  }

  /** Adds an RTX payload type repairing {@code associatedPayloadType} (RFC 4588). */
  public MediaDescriptionBuilder rtx(int rtxPayloadType, int associatedPayloadType, int clockRate) {
    return codec(
        new RtpMap(rtxPayloadType, "rtx", clockRate, null),
        "apt=" + associatedPayloadType,
        List.of());
  }

  /** {@code a=ssrc} lines for cname and (if not null) msid, as Chrome writes them. */
  public MediaDescriptionBuilder source(long ssrc, String cname, Msid msid) {
    line(SsrcAttribute.cname(ssrc, cname));
    if (msid != null) {
      line(SsrcAttribute.msid(ssrc, msid));
    }
    return this;
  }

  public MediaDescriptionBuilder ssrcGroup(SsrcGroup group) {
    return line(group);
  }

  public MediaDescriptionBuilder rid(Rid rid) {
    return line(rid);
  }

  public MediaDescriptionBuilder simulcast(Simulcast simulcast) {
    return line(simulcast);
  }

  public MediaDescriptionBuilder sctpPort(int port) {
    return line(new Attribute.SctpPort(port));
  }

  public MediaDescriptionBuilder maxMessageSize(long bytes) {
    return line(new Attribute.MaxMessageSize(bytes));
  }

  public MediaDescription build() {
    return new MediaDescription(media, port, null, protocol, formats, lines);
  }
}
