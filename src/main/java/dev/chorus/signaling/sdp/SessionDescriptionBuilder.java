package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link SessionDescription}. Session-level lines come out in call order; if no {@code t=}
 * line was added, {@code t=0 0} is put first. Not thread-safe.
 */
public final class SessionDescriptionBuilder {
  private final Origin origin;
  private String sessionName = "-";
  private final List<SdpLine> lines = new ArrayList<>();
  private final List<MediaDescription> media = new ArrayList<>();

  SessionDescriptionBuilder(Origin origin) {
    this.origin = origin;
  }

  public SessionDescriptionBuilder sessionName(String name) {
    this.sessionName = name;
    return this;
  }

  public SessionDescriptionBuilder line(SdpLine line) {
    lines.add(line);
    return this;
  }

  public SessionDescriptionBuilder attribute(Attribute attribute) {
    return line(attribute);
  }

  /** {@code a=group:BUNDLE <mids>} (RFC 9143). */
  public SessionDescriptionBuilder bundle(List<String> mids) {
    return line(Group.bundle(mids));
  }

  /** {@code a=ice-lite}: the SFU only answers checks (RFC 8839 §5.3). */
  public SessionDescriptionBuilder iceLite() {
    return line(Attribute.ICE_LITE);
  }

  public SessionDescriptionBuilder msidSemantic(String semantic, List<String> streamIds) {
    return line(new MsidSemantic(semantic, streamIds, false));
  }

  public SessionDescriptionBuilder media(MediaDescription section) {
    media.add(section);
    return this;
  }

  public SessionDescription build() {
    List<SdpLine> all = new ArrayList<>();
    if (lines.stream().noneMatch(Timing.class::isInstance)) {
      all.add(Timing.UNBOUNDED);
    }
    all.addAll(lines);
    return new SessionDescription(origin, sessionName, all, media);
  }
}
