package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A media section: {@code m=<media> <port>[/<count>] <proto> <fmt> ...} and the lines after it (RFC
 * 8866 §5.14, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-5.14">rfc8866#section-5.14</a>). The lines
 * are kept in document order; the query methods read them on demand, so a section built from a
 * browser offer writes back exactly as it came.
 *
 * @param portCount the {@code /<number of ports>} suffix, or {@code null}
 * @param lines {@code i= c= b= k= a=} lines; kept in RFC 8866 §5 order (see LineOrder), each type
 *     in the order given
 */
public record MediaDescription(
    String media,
    int port,
    Integer portCount,
    String protocol,
    List<String> formats,
    List<SdpLine> lines) {

  public static final String AUDIO = "audio";
  public static final String VIDEO = "video";
  public static final String APPLICATION = "application";
  public static final String RTP_PROTOCOL = "UDP/TLS/RTP/SAVPF";
  public static final String SCTP_PROTOCOL = "UDP/DTLS/SCTP";
  public static final String DATACHANNEL_FORMAT = "webrtc-datachannel";

  public MediaDescription {
    Grammar.requireToken(media, "media type");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (portCount != null && portCount < 1) {
      throw new IllegalArgumentException("port count must be positive: " + portCount);
    }
    if (!isProtocol(protocol)) {
      throw new IllegalArgumentException("proto must be token *(/ token): " + protocol);
    }
    formats = Grammar.requireNoNulls(formats, "formats");
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("an m= line needs at least one format");
    }
    boolean rtp = isRtp(protocol);
    for (String f : formats) {
      Grammar.requireToken(f, "format");
      if (rtp && !isPayloadType(f)) {
        throw new IllegalArgumentException("RTP format is not a payload type 0..127: " + f);
      }
    }
    lines = LineOrder.media(Grammar.requireNoNulls(lines, "media lines"));
    for (SdpLine line : lines) {
      if (line instanceof Timing) {
        throw new IllegalArgumentException("t= is not allowed in a media section");
      }
      if (line instanceof Field field && Field.MEDIA_TYPES.indexOf(field.type()) < 0) {
        throw new IllegalArgumentException(field.type() + "= is not allowed in a media section");
      }
    }
  }

  public static MediaDescriptionBuilder builder(String media, int port, String protocol) {
    return new MediaDescriptionBuilder(media, port, protocol);
  }

  /**
   * The answer to an offered section that is refused or was removed (RFC 3264 §6, RFC 8829 §5.3.1):
   * the offered media, protocol and formats on port 0, {@code c=IN IP4 0.0.0.0} and the offered
   * {@code a=mid}. A complete section, because strict parsers (Firefox's SIPCC) refuse an answer
   * where any media level lacks a {@code c=} line when the session level has none.
   */
  public static MediaDescription rejectedAnswer(MediaDescription offered) {
    var b = builder(offered.media(), 0, offered.protocol()).connection(Connection.IP4_ANY);
    offered.formats().forEach(b::format);
    offered.mid().ifPresent(b::mid);
    return b.build();
  }

  static boolean isProtocol(String protocol) {
    if (protocol == null || protocol.isEmpty()) {
      return false;
    }
    for (String part : protocol.split("/", -1)) {
      if (!Grammar.isToken(part)) {
        return false;
      }
    }
    return true;
  }

  static boolean isRtp(String protocol) {
    return protocol.contains("RTP/");
  }

  static boolean isPayloadType(String format) {
    if (format.isEmpty() || format.length() > 3 || !format.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return Integer.parseInt(format) <= 127;
  }

  /** The {@code m=} line. */
  public String headerLine() {
    StringBuilder sb = new StringBuilder("m=").append(media).append(' ').append(port);
    if (portCount != null) {
      sb.append('/').append(portCount);
    }
    sb.append(' ').append(protocol);
    formats.forEach(f -> sb.append(' ').append(f));
    return sb.toString();
  }

  public boolean isRtp() {
    return isRtp(protocol);
  }

  /**
   * Port 0: in an answer a rejected section, in an offer a removed one (RFC 3264 §6, §8.2) — except
   * an offered {@code a=bundle-only} section, which RFC 8843 §6 gives port 0 too; ask {@link
   * SessionDescription#isRemoved} about an offer's section.
   */
  public boolean isRejected() {
    return port == 0;
  }

  /**
   * {@code a=bundle-only} (RFC 8843 §6, <a
   * href="https://www.rfc-editor.org/rfc/rfc8843#section-6">rfc8843#section-6</a>): the section is
   * offered only for use inside a BUNDLE group, with port 0 (Firefox does this under {@code
   * bundlePolicy: "max-bundle"}).
   */
  public boolean isBundleOnly() {
    return hasProperty("bundle-only");
  }

  public Stream<Attribute> attributes() {
    return lines.stream().filter(Attribute.class::isInstance).map(Attribute.class::cast);
  }

  public <T extends Attribute> List<T> attributes(Class<T> type) {
    return lines.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <T extends Attribute> Optional<T> attribute(Class<T> type) {
    return lines.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** Whether a value-less attribute such as {@code rtcp-mux} is present. */
  public boolean hasProperty(String name) {
    return attributes(Attribute.Other.class).stream()
        .anyMatch(o -> o.name().equals(name) && o.value() == null);
  }

  /** Unknown or uninterpreted attributes by name, e.g. {@code other("rtcp")}. */
  public List<Attribute.Other> other(String name) {
    return attributes(Attribute.Other.class).stream().filter(o -> o.name().equals(name)).toList();
  }

  public Optional<String> mid() {
    return attribute(Attribute.Mid.class).map(Attribute.Mid::id);
  }

  /** The media-level direction, if present; see {@link SessionDescription#direction}. */
  public Optional<Direction> direction() {
    return attribute(Direction.class);
  }

  public Optional<Connection> connection() {
    return lines.stream()
        .filter(Connection.class::isInstance)
        .map(Connection.class::cast)
        .findFirst();
  }

  public boolean rtcpMux() {
    return hasProperty("rtcp-mux");
  }

  public boolean rtcpReducedSize() {
    return hasProperty("rtcp-rsize");
  }

  public boolean endOfCandidates() {
    return hasProperty("end-of-candidates");
  }

  /** Media-level ICE credentials only; see {@link SessionDescription#iceCredentials}. */
  public Optional<IceCredentials> iceCredentials() {
    var ufrag = attribute(Attribute.IceUfrag.class);
    var pwd = attribute(Attribute.IcePwd.class);
    if (ufrag.isEmpty() || pwd.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new IceCredentials(ufrag.get().ufrag(), pwd.get().password()));
  }

  public List<Fingerprint> fingerprints() {
    return attributes(Fingerprint.class);
  }

  public Optional<Setup> setup() {
    return attribute(Setup.class);
  }

  public List<Candidate> candidates() {
    return attributes(Candidate.class);
  }

  public Optional<Msid> msid() {
    return attribute(Msid.class);
  }

  public List<ExtMap> extensions() {
    return attributes(ExtMap.class);
  }

  /** The id negotiated for a header extension URI (RFC 8285), e.g. the sdes:mid one. */
  public OptionalInt extensionId(String uri) {
    return extensions().stream().filter(e -> e.uri().equals(uri)).mapToInt(ExtMap::id).findFirst();
  }

  /**
   * The payload types of an RTP section in m= line order, with rtpmap, fmtp and rtcp-fb merged. A
   * listed payload type with neither an rtpmap nor an RFC 3551 static assignment is left out, since
   * nothing says what it is.
   */
  public List<Codec> codecs() {
    if (!isRtp()) {
      return List.of();
    }
    List<RtpMap> maps = attributes(RtpMap.class);
    List<Fmtp> fmtps = attributes(Fmtp.class);
    List<RtcpFeedback> feedback = attributes(RtcpFeedback.class);
    List<Codec> codecs = new ArrayList<>();
    for (String format : formats) {
      int pt = Integer.parseInt(format);
      var map = maps.stream().filter(m -> m.payloadType() == pt).findFirst();
      Codec base = map.map(MediaDescription::fromRtpMap).orElse(Codec.staticPayloadType(pt));
      if (base == null) {
        continue;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      fmtps.stream()
          .filter(f -> f.payloadType() == pt)
          .forEach(f -> parameters.putAll(f.parameterMap()));
      List<RtcpFeedback> fb = feedback.stream().filter(f -> f.appliesTo(pt)).toList();
      codecs.add(new Codec(pt, base.name(), base.clockRate(), base.channels(), parameters, fb));
    }
    return List.copyOf(codecs);
  }

  private static Codec fromRtpMap(RtpMap m) {
    return new Codec(
        m.payloadType(), m.encodingName(), m.clockRate(), m.channelCount(), Map.of(), List.of());
  }

  public Optional<Codec> codec(int payloadType) {
    return codecs().stream().filter(c -> c.payloadType() == payloadType).findFirst();
  }

  /** The RTX payload type whose {@code apt} names this one (RFC 4588). */
  public OptionalInt rtxPayloadType(int payloadType) {
    return codecs().stream()
        .filter(c -> c.isRtx() && c.associatedPayloadType().equals(OptionalInt.of(payloadType)))
        .mapToInt(Codec::payloadType)
        .findFirst();
  }

  public List<SsrcAttribute> ssrcAttributes() {
    return attributes(SsrcAttribute.class);
  }

  public List<SsrcGroup> ssrcGroups() {
    return attributes(SsrcGroup.class);
  }

  /** Every announced SSRC in order of first appearance, with its cname and msid. */
  public List<Source> sources() {
    Map<Long, List<SsrcAttribute>> bySsrc = new LinkedHashMap<>();
    for (SsrcAttribute a : ssrcAttributes()) {
      bySsrc.computeIfAbsent(a.ssrc(), k -> new ArrayList<>()).add(a);
    }
    List<Source> out = new ArrayList<>();
    bySsrc.forEach(
        (ssrc, attrs) -> out.add(new Source(ssrc, value(attrs, "cname"), value(attrs, "msid"))));
    return List.copyOf(out);
  }

  private static Optional<String> value(List<SsrcAttribute> attrs, String name) {
    return attrs.stream()
        .filter(a -> a.attribute().equals(name) && a.value() != null)
        .map(SsrcAttribute::value)
        .findFirst();
  }

  /** The RTX SSRC paired with a media SSRC by {@code a=ssrc-group:FID <media> <rtx>}. */
  public OptionalLong rtxSsrc(long mediaSsrc) {
    return ssrcGroups().stream()
        .filter(g -> g.semantics().equals(SsrcGroup.FID) && g.ssrcs().size() == 2)
        .filter(g -> g.ssrcs().get(0) == mediaSsrc)
        .mapToLong(g -> g.ssrcs().get(1))
        .findFirst();
  }

  /** Announced SSRCs that are not the repair half of an FID group, in order. */
  public List<Long> mediaSsrcs() {
    List<Long> repair =
        ssrcGroups().stream()
            .filter(g -> g.semantics().equals(SsrcGroup.FID) && g.ssrcs().size() == 2)
            .map(g -> g.ssrcs().get(1))
            .toList();
    return sources().stream().map(Source::ssrc).filter(s -> !repair.contains(s)).toList();
  }

  /** The {@code SIM} group's SSRCs (legacy SSRC-signalled simulcast), lowest layer first. */
  public List<Long> simulcastSsrcs() {
    return ssrcGroups().stream()
        .filter(g -> g.semantics().equals(SsrcGroup.SIM))
        .findFirst()
        .map(SsrcGroup::ssrcs)
        .orElse(List.of());
  }

  public List<Rid> rids() {
    return attributes(Rid.class);
  }

  public Optional<Simulcast> simulcast() {
    return attribute(Simulcast.class);
  }

  public OptionalInt sctpPort() {
    return attribute(Attribute.SctpPort.class)
        .map(p -> OptionalInt.of(p.port()))
        .orElse(OptionalInt.empty());
  }

  public OptionalLong maxMessageSize() {
    return attribute(Attribute.MaxMessageSize.class)
        .map(m -> OptionalLong.of(m.bytes()))
        .orElse(OptionalLong.empty());
  }
}
