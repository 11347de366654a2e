package dev.chorus.admin.jmx;

import dev.chorus.config.MediaEngineProvider;
import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.media.sfu.transport.TransportStats;
import java.util.function.ToLongFunction;

/** {@link MediaEngineMXBean} reading the running engine on every call. */
final class MediaEngineView implements MediaEngineMXBean {
  private final MediaEngineProvider media;

  MediaEngineView(MediaEngineProvider media) {
    this.media = media;
  }

  private long read(ToLongFunction<MediaEngine> figure) {
    return media.engine().map(figure::applyAsLong).orElse(0L);
  }

  private long totals(ToLongFunction<TransportStats.Counters> figure) {
    return read(e -> figure.applyAsLong(e.totals()));
  }

  @Override
  public boolean isRunning() {
    return media.engine().isPresent();
  }

  @Override
  public int getUdpPort() {
    return (int) read(MediaEngine::udpPort);
  }

  @Override
  public int getTcpPort() {
    return (int) read(MediaEngine::tcpPort);
  }

  @Override
  public boolean isPortsBound() {
    return media.engine().map(MediaEngine::portsBound).orElse(false);
  }

  @Override
  public int getReadersRunning() {
    return (int) read(MediaEngine::readersRunning);
  }

  @Override
  public int getReaderTasks() {
    return (int) read(MediaEngine::readerTaskCount);
  }

  @Override
  public long getReaderRestarts() {
    return read(MediaEngine::readerRestarts);
  }

  @Override
  public int getThreads() {
    return (int) read(MediaEngine::threadCount);
  }

  @Override
  public int getOpenSockets() {
    return (int) read(MediaEngine::openSocketCount);
  }

  @Override
  public int getTransports() {
    return (int) read(e -> e.transports().size());
  }

  @Override
  public int getIceSessions() {
    return (int) read(MediaEngine::iceSessionCount);
  }

  @Override
  public int getHandshakesRunning() {
    return (int) read(MediaEngine::handshakesRunning);
  }

  @Override
  public int getHandshakesWaiting() {
    return (int) read(MediaEngine::handshakesWaiting);
  }

  @Override
  public long getRtpPacketsReceived() {
    return totals(TransportStats.Counters::rtpPacketsIn);
  }

  @Override
  public long getRtpPacketsSent() {
    return totals(TransportStats.Counters::rtpPacketsOut);
  }

  @Override
  public long getBytesReceived() {
    return totals(c -> c.rtpBytesIn() + c.rtcpBytesIn());
  }

  @Override
  public long getBytesSent() {
    return totals(c -> c.rtpBytesOut() + c.rtcpBytesOut());
  }

  @Override
  public long getSrtpFailures() {
    return totals(TransportStats.Counters::srtpFailures);
  }

  @Override
  public long getDtlsFailures() {
    return read(MediaEngine::dtlsFailures);
  }

  @Override
  public int getSimulatedLossPercent() {
    return (int) read(e -> e.simulatedLoss().percent());
  }
}
