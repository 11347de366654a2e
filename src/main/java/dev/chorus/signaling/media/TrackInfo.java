package dev.chorus.signaling.media;

import dev.chorus.im.account.UserRef;
import dev.chorus.media.sfu.MediaKind;
import java.util.Locale;

/**
 * What the room knows about one producer beyond the router: whose it is and what it shows.
 *
 * @param tabId the publishing tab
 * @param mid the publisher's m-section
 * @param source {@code mic}, {@code camera}, {@code screen} or {@code screen-audio}
 * @param fmtp the publisher's fmtp parameters for the codec, repeated to subscribers
 * @param streamId the {@code a=msid} stream subscribers get: one per publisher and source group
 */
record TrackInfo(
    String producerId,
    UserRef user,
    String tabId,
    String mid,
    MediaKind kind,
    String source,
    String fmtp,
    String streamId) {

  /** The source named by the page, or the kind's default (mic, camera). */
  static String source(String requested, MediaKind kind) {
    if (requested != null) {
      switch (requested) {
        case "mic", "camera", "screen", "screen-audio" -> {
          return requested;
        }
        default -> {
          // an unknown name is treated as the default below
        }
      }
    }
    return kind == MediaKind.AUDIO ? "mic" : "camera";
  }

  /** Camera and microphone play as one stream; a screen share is another. */
  static String group(String source) {
    return source.startsWith("screen") ? "screen" : "camera";
  }

  String kindName() {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
