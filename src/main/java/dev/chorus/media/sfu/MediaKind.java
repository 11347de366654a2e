package dev.chorus.media.sfu;

/** What a track carries: the m-line's media type. */
public enum MediaKind {
  AUDIO,
  VIDEO
}
