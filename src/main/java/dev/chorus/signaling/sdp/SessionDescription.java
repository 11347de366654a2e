package dev.chorus.signaling.sdp;

import java.util.List;
import java.util.Optional;

/**
 * A whole session description (RFC 8866 §5, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-5">rfc8866#section-5</a>): {@code v=0},
 * {@code o=}, {@code s=}, the session-level lines in order (which must include {@code t=}), then
 * the media sections. Session lines are kept in RFC 8866 §5 order (see LineOrder). Immutable;
 * create one with {@link #parse} or {@link #builder}.
 *
 * <p>The transport queries follow the WebRTC rules: a media-level value overrides a session-level
 * one (Firefox puts {@code a=fingerprint} at session level), and every section of a BUNDLE group
 * uses the transport of the group's first ("tagged") section (RFC 9143).
 */
public record SessionDescription(
    Origin origin, String sessionName, List<SdpLine> lines, List<MediaDescription> media) {

  public SessionDescription {
    if (origin == null) {
      throw new IllegalArgumentException("origin is null");
    }
    Grammar.requireLineText(sessionName, "s= session name");
    lines = LineOrder.session(Grammar.requireNoNulls(lines, "session lines"));
    if (lines.stream().noneMatch(Timing.class::isInstance)) {
      throw new IllegalArgumentException("a session description needs a t= line");
    }
    media = Grammar.requireNoNulls(media, "media sections");
  }

  /** Parses untrusted text; never throws. CRLF or LF line ends are accepted. */
  public static SdpResult<SessionDescription> parse(String text) {
    return SdpParser.parse(text);
  }

  public static SessionDescriptionBuilder builder(Origin origin) {
    return new SessionDescriptionBuilder(origin);
  }

  /** The description as SDP text with CRLF line ends. */
  public String toSdp() {
    return SdpWriter.write(this);
  }

  public <T extends Attribute> List<T> sessionAttributes(Class<T> type) {
    return lines.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <T extends Attribute> Optional<T> sessionAttribute(Class<T> type) {
    return lines.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  public boolean hasSessionProperty(String name) {
    return sessionAttributes(Attribute.Other.class).stream()
        .anyMatch(o -> o.name().equals(name) && o.value() == null);
  }

  public List<Group> groups() {
    return sessionAttributes(Group.class);
  }

  /** The mids of the first BUNDLE group, or empty. */
  public List<String> bundleMids() {
    return groups().stream().filter(Group::isBundle).findFirst().map(Group::mids).orElse(List.of());
  }

  public Optional<MediaDescription> media(String mid) {
    return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
  }

  public Optional<MsidSemantic> msidSemantic() {
    return sessionAttribute(MsidSemantic.class);
  }

  public List<String> iceOptions() {
    return sessionAttribute(Attribute.IceOptions.class)
        .map(Attribute.IceOptions::options)
        .orElse(List.of());
  }

  public boolean iceLite() {
    return hasSessionProperty("ice-lite");
  }

  /**
   * Whether an offered section is gone: port 0 and not {@code a=bundle-only} inside a BUNDLE group.
   * RFC 8843 §7.2.1 lets an offerer give a bundle-only section port 0 without meaning removal; it
   * is answered as a bundled section like the others (RFC 8843 §7.3).
   */
  public boolean isRemoved(MediaDescription section) {
    if (section.port() != 0) {
      return false;
    }
    var mid = section.mid();
    boolean bundled =
        mid.isPresent()
            && groups().stream().anyMatch(g -> g.isBundle() && g.mids().contains(mid.get()));
    return !(section.isBundleOnly() && bundled);
  }

  /** Media-level direction, else session-level, else sendrecv (RFC 8866 §6.7). */
  public Direction direction(MediaDescription section) {
    return section
        .direction()
        .or(() -> sessionAttribute(Direction.class))
        .orElse(Direction.SENDRECV);
  }

  /** The section whose transport {@code section} uses: its BUNDLE group's tagged section. */
  public MediaDescription transportOf(MediaDescription section) {
    Optional<String> mid = section.mid();
    if (mid.isEmpty()) {
      return section;
    }
    return groups().stream()
        .filter(g -> g.isBundle() && g.mids().contains(mid.get()) && !g.mids().isEmpty())
        .findFirst()
        .flatMap(g -> media(g.mids().get(0)))
        .orElse(section);
  }

  /** The section carrying the transport of the whole description (bundle tag, else first). */
  public Optional<MediaDescription> transportSection() {
    List<String> bundle = bundleMids();
    if (!bundle.isEmpty()) {
      Optional<MediaDescription> tagged = media(bundle.get(0));
      if (tagged.isPresent()) {
        return tagged;
      }
    }
    return media.stream().findFirst();
  }

  /** ICE credentials of one section, each value falling back to session level (RFC 8839 §5.4). */
  public Optional<IceCredentials> iceCredentials(MediaDescription section) {
    var ufrag =
        section
            .attribute(Attribute.IceUfrag.class)
            .or(() -> sessionAttribute(Attribute.IceUfrag.class));
    var pwd =
        section
            .attribute(Attribute.IcePwd.class)
            .or(() -> sessionAttribute(Attribute.IcePwd.class));
    if (ufrag.isEmpty() || pwd.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new IceCredentials(ufrag.get().ufrag(), pwd.get().password()));
  }

  /** The remote ICE credentials for the bundled transport. */
  public Optional<IceCredentials> iceCredentials() {
    return transportSection().flatMap(this::iceCredentials);
  }

  /** Media-level fingerprints, or the session-level ones if the section has none (RFC 8122 §5). */
  public List<Fingerprint> fingerprints(MediaDescription section) {
    List<Fingerprint> own = section.fingerprints();
    return own.isEmpty() ? sessionAttributes(Fingerprint.class) : own;
  }

  /** The DTLS fingerprints for the bundled transport. */
  public List<Fingerprint> fingerprints() {
    return transportSection().map(this::fingerprints).orElse(sessionAttributes(Fingerprint.class));
  }

  public Optional<Setup> setup(MediaDescription section) {
    return section.setup().or(() -> sessionAttribute(Setup.class));
  }

  /** The DTLS role offered for the bundled transport. */
  public Optional<Setup> setup() {
    return transportSection().flatMap(this::setup).or(() -> sessionAttribute(Setup.class));
  }
}
