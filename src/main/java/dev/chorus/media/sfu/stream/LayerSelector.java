package dev.chorus.media.sfu.stream;

/**
 * Decides, packet by packet, which of a video producer's layers a consumer forwards (<a
 * href="https://www.rfc-editor.org/rfc/rfc8853">RFC 8853</a> simulcast; a single-encoding producer
 * is the one-layer case). The subscriber's decoder can only start, or move to another encoding, at
 * a key frame, so:
 *
 * <ul>
 *   <li>packets of the current layer are forwarded;
 *   <li>a key frame of the target layer makes it current ({@link #SWITCH});
 *   <li>before the first layer is chosen, a key frame of any layer up to the target starts the
 *       stream (a low layer now beats the target later; the consumer upgrades afterwards);
 *   <li>everything else is dropped.
 * </ul>
 *
 * The caller asks the publisher for a key frame of the target layer while {@link #current()}
 * differs from it. Used by the producer's packet thread only.
 */
public final class LayerSelector {
  public static final int DROP = 0;
  static final int FORWARD = 1;
  public static final int SWITCH = 2;

  private int current = -1;

  /** The layer being forwarded, -1 before the first key frame (or after {@link #reset()}). */
  public int current() {
    return current;
  }

  /** Waits for a key frame again, e.g. after a pause, when the decoder has lost its state. */
  public void reset() {
    current = -1;
  }

  /**
   * What to do with a packet.
   *
   * @param layer the packet's layer
   * @param keyframe whether it starts a key frame
   * @param target the layer the consumer should be forwarding
   */
  public int decide(int layer, boolean keyframe, int target) {
    if (layer == current) {
      return FORWARD;
    }
    if (keyframe && (layer == target || (current < 0 && layer < target))) {
      current = layer;
      return SWITCH;
    }
    return DROP;
  }
}
