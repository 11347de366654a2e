package dev.chorus.signaling.media;

import dev.chorus.media.sfu.Consumer;
import dev.chorus.media.sfu.ConsumerOptions;
import dev.chorus.media.sfu.MediaKind;
import dev.chorus.media.sfu.Producer;
import dev.chorus.media.sfu.RouterTransport;
import dev.chorus.media.sfu.stream.HeaderExtensionIds;
import dev.chorus.media.sfu.stream.RtpCodec;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.SessionDescription;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One tab's receive transport: a consumer per producer of the others, each in an m-section (slot)
 * of the offers the server makes, and the offer/answer cycle (JSEP, RFC 8829 §4.1.8 and §5.2): one
 * offer outstanding at a time; changes made meanwhile wait for its answer and go into the next
 * offer. Consumers start paused and are resumed (which asks the publisher for a key frame) once the
 * browser has applied an answer that includes them and the transport is connected, so that their
 * first key frame is not lost.
 *
 * <p>A slot whose consumer closed is offered {@code inactive}; once the browser has answered that,
 * the slot is reused for the next consumer of the same kind, so the SDP does not grow with every
 * show and unshow. Not thread-safe: its {@link RoomMedia} serialises all calls.
 */
final class Subscriber {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HeaderExtensionIds AUDIO_IDS =
      new HeaderExtensionIds(
          RtpUris.SUBSCRIBER_MID_ID,
          0,
          0,
          RtpUris.SUBSCRIBER_AUDIO_LEVEL_ID,
          RtpUris.SUBSCRIBER_ABS_SEND_TIME_ID,
          0);
  private static final HeaderExtensionIds VIDEO_IDS =
      new HeaderExtensionIds(
          RtpUris.SUBSCRIBER_MID_ID, 0, 0, 0, RtpUris.SUBSCRIBER_ABS_SEND_TIME_ID, 0);

  /** One m-section. */
  static final class Slot {
    final String mid;
    final MediaKind kind;
    Consumer consumer;
    TrackInfo track;

    /** The offer that first carried the current consumer; 0 while not yet offered. */
    long filledIn;

    /** The offer that first made the slot inactive; 0 while not yet offered so. */
    long emptiedIn;

    /** The browser rejected the section: never reused, offered rejected from now on. */
    boolean refused;

    Slot(String mid, MediaKind kind) {
      this.mid = mid;
      this.kind = kind;
    }
  }

  /** An offer ready to send. */
  record Offer(long version, String sdp, List<Slot> slots) {}

  /** A track the browser cannot play: its answer rejected the section (e.g. an unknown codec). */
  record Refusal(TrackInfo track, RtpCodec codec) {}

  private final Tab tab;

  /** Codecs (mime type, lower case) the browser rejected in an answer: not offered again. */
  private final Set<String> refusedCodecs = new HashSet<>();

  private final WebRtcTransport transport;
  private final RouterTransport routerTransport;
  private final TransportLines lines;
  private final String sessionId = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE);
  private final List<Slot> slots = new ArrayList<>();
  private int nextMid;
  private long version;
  private long answeredVersion;
  private boolean awaitingAnswer;
  private boolean dirty;

  /** No offer goes out until the page has been told the transport's id (see {@link #release}). */
  private boolean held = true;

  private String remoteUfrag;

  Subscriber(Tab tab, WebRtcTransport transport, RouterTransport routerTransport) {
    this.tab = tab;
    this.transport = transport;
    this.routerTransport = routerTransport;
    this.lines = new TransportLines(transport.localParameters());
  }

  Tab tab() {
    return tab;
  }

  WebRtcTransport transport() {
    return transport;
  }

  RouterTransport routerTransport() {
    return routerTransport;
  }

  List<Slot> slots() {
    return List.copyOf(slots);
  }

  /**
   * The browser's side of the transport from an answer: set on the first, checked on the others
   * (the same ICE ufrag: ICE restarts are not supported, the page subscribes again instead).
   */
  void applyRemote(TransportLines.Remote remote) throws MediaRefused {
    if (remoteUfrag == null) {
      try {
        transport.setRemote(
            remote.ufrag(), remote.password(), remote.fingerprints(), remote.candidates());
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new MediaRefused("bad_sdp", "The answer cannot be applied: " + e.getMessage());
      }
      remoteUfrag = remote.ufrag();
    } else if (!remoteUfrag.equals(remote.ufrag())) {
      throw new MediaRefused("bad_sdp", "ICE restarts are not supported: subscribe again.");
    }
  }

  /** The codec a subscriber is offered {@code producer}'s track in. */
  static RtpCodec codecFor(Producer producer) {
    return SubscriberOffer.codecFor(producer.kind(), published(producer));
  }

  /**
   * Whether this browser rejected {@code codec} in an answer before: it is not offered again (a
   * second section it would reject only grows every later offer), the user is told instead.
   */
  boolean refuses(RtpCodec codec) {
    return refusedCodecs.contains(codec.mimeType().toLowerCase(Locale.ROOT));
  }

  /**
   * Adds a paused consumer of {@code producer} in a free slot of its kind, or a new one.
   *
   * @throws IllegalStateException if the producer or this transport closed meanwhile
   */
  Consumer consume(Producer producer, TrackInfo track) {
    var kind = producer.kind();
    var slot = reusable(kind).orElse(null);
    boolean added = slot == null;
    if (added) {
      slot = new Slot(Integer.toString(nextMid), kind);
    }
    var options =
        ConsumerOptions.defaults()
            .withMid(slot.mid, kind == MediaKind.AUDIO ? AUDIO_IDS : VIDEO_IDS)
            .withCodecs(List.of(codecFor(producer)))
            .withPaused(true);
    var consumer = routerTransport.consume(producer, options);
    if (added) {
      nextMid++;
      slots.add(slot);
    }
    slot.consumer = consumer;
    slot.track = track;
    slot.filledIn = 0;
    slot.emptiedIn = 0;
    dirty = true;
    return consumer;
  }

  /** A consumer closed: its slot goes inactive in the next offer. */
  boolean consumerClosed(Consumer consumer) {
    for (var slot : slots) {
      if (slot.consumer == consumer) {
        slot.consumer = null;
        slot.track = null;
        slot.filledIn = 0;
        slot.emptiedIn = 0;
        dirty = true;
        return true;
      }
    }
    return false;
  }

  /** The consumer in section {@code mid} now, if any. */
  Optional<Consumer> consumerAt(String mid) {
    return slots.stream()
        .filter(s -> s.mid.equals(mid) && s.consumer != null)
        .map(s -> s.consumer)
        .findFirst();
  }

  /** The consumer of this producer, if this tab receives it. */
  Optional<Consumer> consumerOf(String producerId) {
    return slots.stream()
        .filter(s -> s.consumer != null && s.consumer.producer().id().equals(producerId))
        .map(s -> s.consumer)
        .findFirst();
  }

  /**
   * Lets offers go out: the reply naming the transport has been sent. An offer sent before it would
   * reach a page that does not know the transport yet, which ignores it and so never answers.
   */
  void release() {
    held = false;
  }

  /** The next offer, if released, something changed and no offer is outstanding. */
  Optional<Offer> nextOffer() {
    if (held || awaitingAnswer || !dirty || slots.isEmpty()) {
      return Optional.empty();
    }
    version++;
    var described = new ArrayList<SubscriberOffer.Slot>();
    for (var slot : slots) {
      if (slot.consumer != null) {
        if (slot.filledIn == 0) {
          slot.filledIn = version;
        }
        described.add(new SubscriberOffer.Slot(slot.mid, slot.kind, stream(slot)));
      } else if (slot.refused) {
        described.add(new SubscriberOffer.Slot(slot.mid, slot.kind, null, true));
      } else {
        if (slot.emptiedIn == 0) {
          slot.emptiedIn = version;
        }
        described.add(new SubscriberOffer.Slot(slot.mid, slot.kind, null));
      }
    }
    awaitingAnswer = true;
    dirty = false;
    var sdp = SubscriberOffer.offer(described, lines, Origin.of(sessionId, version));
    return Optional.of(new Offer(version, sdp, slots()));
  }

  /** The version of the offer awaiting an answer, or 0. */
  long outstanding() {
    return awaitingAnswer ? version : 0;
  }

  /** The browser applied offer {@code answered}; false if that is not the outstanding one. */
  boolean answered(long answered) {
    if (!awaitingAnswer || answered != version) {
      return false;
    }
    awaitingAnswer = false;
    answeredVersion = answered;
    return true;
  }

  /**
   * The tracks of offer {@code version} that {@code answer} refused — its section for them is
   * rejected (port 0: what Firefox answers to a codec it cannot decode, RFC 8829 §5.3.1), missing,
   * or without the codec offered. Their consumers close (from {@code out}) and their sections stay
   * rejected in later offers.
   */
  List<Refusal> refusals(SessionDescription answer, long version, Outbox out) {
    var refused = new ArrayList<Refusal>();
    for (var slot : slots) {
      var c = slot.consumer;
      if (c == null || slot.filledIn == 0 || slot.filledIn > version) {
        continue;
      }
      var codec = c.options().codecs().get(0);
      var pt = Integer.toString(codec.payloadType());
      var section =
          answer.media().stream().filter(m -> m.mid().equals(Optional.of(slot.mid))).findFirst();
      if (section.isPresent()
          && !section.get().isRejected()
          && section.get().formats().contains(pt)) {
        continue;
      }
      refused.add(new Refusal(slot.track, codec));
      refusedCodecs.add(codec.mimeType().toLowerCase(Locale.ROOT));
      out.later(c::close);
      slot.consumer = null;
      slot.track = null;
      slot.refused = true;
      dirty = true;
    }
    return refused;
  }

  /**
   * Resumes (from {@code out}: a resume asks the publisher for a key frame) every consumer the
   * browser knows of, once the transport is connected.
   */
  void resumeReady(Outbox out) {
    if (transport.state() != TransportState.CONNECTED) {
      return;
    }
    for (var slot : slots) {
      var c = slot.consumer;
      if (c != null && c.isPaused() && slot.filledIn > 0 && slot.filledIn <= answeredVersion) {
        out.later(c::resume);
      }
    }
  }

  /** True until the browser's first answer set the transport's remote side. */
  boolean awaitsFirstAnswer() {
    return remoteUfrag == null;
  }

  /**
   * Starts the offers over on the same transport, for a page that subscribed again before it
   * answered (e.g. it replaced its peer connection): the next offer describes every slot, and an
   * answer to the earlier one is stale.
   */
  void restartOffers() {
    awaitingAnswer = false;
    dirty = true;
    held = true;
  }

  void close() {
    routerTransport.close();
    transport.close();
  }

  private Optional<Slot> reusable(MediaKind kind) {
    return slots.stream()
        .filter(
            s ->
                s.consumer == null
                    && !s.refused
                    && s.kind == kind
                    && s.emptiedIn > 0
                    && s.emptiedIn <= answeredVersion)
        .findFirst();
  }

  private static SubscriberOffer.Stream stream(Slot slot) {
    var c = slot.consumer;
    var cname = c.producer().options().cname();
    return new SubscriberOffer.Stream(
        c.ssrc(),
        c.rtxSsrc(),
        cname == null ? "chorus" : cname,
        slot.track.fmtp(),
        slot.track.streamId(),
        c.id(),
        c.options().codecs().get(0));
  }

  private static RtpCodec published(Producer producer) {
    var codecs = producer.options().codecs();
    return codecs.isEmpty() ? null : codecs.get(0);
  }
}
