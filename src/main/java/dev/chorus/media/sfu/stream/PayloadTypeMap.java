package dev.chorus.media.sfu.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A consumer's payload type numbering: the subscriber's m-line may number the producer's codecs
 * differently (a BUNDLEd receive transport must not give one number two meanings across m-lines,
 * RFC 8843 §9.1). Codecs are matched by MIME type and clock rate, in the producer's order; a
 * producer codec the subscriber lacks maps to -1 and its packets are dropped.
 */
public final class PayloadTypeMap {
  private final int[] media = new int[128];
  private final int[] rtx = new int[128];
  private final List<RtpCodec> consumerCodecs;

  private PayloadTypeMap(List<RtpCodec> consumerCodecs) {
    Arrays.fill(media, -1);
    Arrays.fill(rtx, -1);
    this.consumerCodecs = List.copyOf(consumerCodecs);
  }

  /**
   * @param produced the producer's codecs
   * @param offered the subscriber's, or empty for the producer's own numbers
   * @param withRtx whether to map RTX payload types at all
   */
  public static PayloadTypeMap of(
      List<RtpCodec> produced, List<RtpCodec> offered, boolean withRtx) {
    List<RtpCodec> chosen = new ArrayList<>();
    List<RtpCodec> available = new ArrayList<>(offered.isEmpty() ? produced : offered);
    var pairs = new ArrayList<RtpCodec[]>();
    for (RtpCodec p : produced) {
      for (RtpCodec o : available) {
        if (o.mimeType().toLowerCase(Locale.ROOT).equals(p.mimeType().toLowerCase(Locale.ROOT))
            && o.clockRate() == p.clockRate()) {
          available.remove(o);
          RtpCodec c = withRtx ? o : RtpCodec.of(o.payloadType(), o.mimeType(), o.clockRate());
          chosen.add(c);
          pairs.add(new RtpCodec[] {p, c});
          break;
        }
      }
    }
    var map = new PayloadTypeMap(chosen);
    for (RtpCodec[] pair : pairs) {
      map.media[pair[0].payloadType()] = pair[1].payloadType();
      if (withRtx && pair[1].hasRtx()) {
        map.rtx[pair[0].payloadType()] = pair[1].rtxPayloadType();
      }
    }
    return map;
  }

  /** The subscriber's number for a producer payload type, or -1. */
  public int consumerPayloadType(int producerPayloadType) {
    return media[producerPayloadType & 0x7F];
  }

  /** The subscriber's RTX payload type for a producer (media) payload type, or -1. */
  public int consumerRtxPayloadType(int producerPayloadType) {
    return rtx[producerPayloadType & 0x7F];
  }

  public boolean hasRtx() {
    for (RtpCodec c : consumerCodecs) {
      if (c.hasRtx()) {
        return true;
      }
    }
    return false;
  }

  public List<RtpCodec> consumerCodecs() {
    return consumerCodecs;
  }
}
