package dev.chorus.admin.jmx;

/**
 * {@code dev.chorus:type=MediaEngine}: the SFU's ports, threads and packet counters since start
 * (all transports, closed ones included). Zeros and {@code running=false} while media is off.
 */
public interface MediaEngineMXBean {
  boolean isRunning();

  int getUdpPort();

  int getTcpPort();

  /** Whether the UDP and ICE-TCP ports are bound. */
  boolean isPortsBound();

  /** Socket reader tasks running / expected. */
  int getReadersRunning();

  int getReaderTasks();

  long getReaderRestarts();

  int getThreads();

  int getOpenSockets();

  int getTransports();

  int getIceSessions();

  int getHandshakesRunning();

  int getHandshakesWaiting();

  long getRtpPacketsReceived();

  long getRtpPacketsSent();

  long getBytesReceived();

  long getBytesSent();

  long getSrtpFailures();

  long getDtlsFailures();

  /** The simulated-loss knob, in percent (0 = off). */
  int getSimulatedLossPercent();
}
