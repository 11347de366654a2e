package dev.chorus.media.sfu.bwe;

/**
 * What the {@link LayerAllocator} needs of one consumer: whether it takes part, what its layers
 * cost and which one it should aim for. Implemented by the router's consumer; called on the
 * subscriber transport's packet thread, once per REMB, never per packet.
 */
public interface LayeredConsumer {
  boolean isClosed();

  boolean isPaused();

  /** Whether the producer sends several layers (otherwise layer 0 is all there is). */
  boolean isSimulcast();

  /** The layer the subscriber's feedback allows, before the preference cap. */
  int targetLayer();

  /** The cap set by the subscriber (e.g. its tile size). */
  int preferredLayer();

  void setTargetLayer(int layer);

  /** The producer's measured bitrate of that layer, bits/s. */
  long layerBitrate(int layer, long now);

  /** Whether the producer is currently sending that layer. */
  boolean isLayerActive(int layer, long now);
}
