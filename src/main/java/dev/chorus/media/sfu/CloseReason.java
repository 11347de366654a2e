package dev.chorus.media.sfu;

/** Why a router object closed, as its {@link RouterListener} hears. */
public enum CloseReason {
  /** Its own {@code close()} was called. */
  CLOSED,
  /** A consumer's producer closed. */
  PRODUCER_CLOSED,
  /** The transport it lives on closed (its WebRtcTransport ended, or it was closed). */
  TRANSPORT_CLOSED,
  /** The router closed. */
  ROUTER_CLOSED
}
