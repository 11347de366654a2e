package dev.chorus.admin;

import dev.chorus.signaling.media.RoomMediaStats;
import java.util.HashSet;

/**
 * What one room's media costs the server now, summed from {@link RoomMediaStats}: transports (each
 * tab's send and receive transport), producers (tracks coming in), consumers (copies going out),
 * bits per second in (all producers' layers) and out (all consumers), and the loss reports seen
 * ({@code lossReports} receiver reports with {@code lossSum} fraction-lost in 1/256 in all).
 */
record MediaLoad(
    int transports,
    int producers,
    int consumers,
    long bitrateInBps,
    long bitrateOutBps,
    long lossSum,
    int lossReports) {
  static final MediaLoad NONE = new MediaLoad(0, 0, 0, 0, 0, 0, 0);

  static MediaLoad of(RoomMediaStats room) {
    var transports = new HashSet<String>();
    for (var p : room.participants()) {
      if (p.sendTransport() != null) {
        transports.add(p.sendTransport());
      }
      if (p.recvTransport() != null) {
        transports.add(p.recvTransport());
      }
    }
    long in = 0;
    long lossSum = 0;
    int lossReports = 0;
    for (var p : room.producers()) {
      for (var layer : p.stats().layers()) {
        in += layer.bitrate();
        if (layer.active()) {
          lossSum += layer.fractionLost();
          lossReports++;
        }
      }
    }
    long out = 0;
    for (var c : room.consumers()) {
      out += c.stats().bitrate();
      if (c.stats().packets() > 0) {
        lossSum += c.stats().fractionLost();
        lossReports++;
      }
    }
    return new MediaLoad(
        transports.size(),
        room.producers().size(),
        room.consumers().size(),
        in,
        out,
        lossSum,
        lossReports);
  }

  MediaLoad plus(MediaLoad o) {
    return new MediaLoad(
        transports + o.transports,
        producers + o.producers,
        consumers + o.consumers,
        bitrateInBps + o.bitrateInBps,
        bitrateOutBps + o.bitrateOutBps,
        lossSum + o.lossSum,
        lossReports + o.lossReports);
  }

  /** The mean of the loss reports in percent, one decimal; 0 without reports. */
  double packetLossPercent() {
    if (lossReports == 0) {
      return 0;
    }
    return Math.round(lossSum * 1000.0 / (256.0 * lossReports)) / 10.0;
  }
}
