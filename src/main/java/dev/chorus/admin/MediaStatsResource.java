package dev.chorus.admin;

import dev.chorus.api.ChorusApplication;
import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.config.MediaEngineProvider;
import dev.chorus.media.sfu.transport.TransportSnapshot;
import dev.chorus.media.sfu.transport.TransportStats;
import dev.chorus.signaling.media.RoomMediaService;
import dev.chorus.signaling.media.RoomMediaStats;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/admin/media} (administrators only): the media server's ports, the threads and
 * sockets it holds; per transport: state, selected candidate pair, SRTP profile and packet
 * counters; per room with media, who has which transport and every producer's and consumer's
 * counters (bitrate, packets, loss, NACKs, PLIs, simulcast layer), and the simulated-loss knob
 * ({@link SimulatedLossResource}).
 */
@Path("admin/media")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "admin")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class MediaStatsResource {
  @Inject CurrentUser currentUser;
  @Inject MediaEngineProvider media;
  @Inject RoomMediaService rooms;

  /** The media server as a whole. */
  public record MediaStats(
      boolean running,
      int udpPort,
      int tcpPort,
      int iceSessions,
      Resources resources,
      SimulatedLossResource.View simulatedLoss,
      List<TransportView> transports,
      List<RoomMediaStats> rooms) {}

  /**
   * What the media server holds: its threads (readers, packet and handshake pools: a constant while
   * it runs, whatever the number of participants), open sockets (the shared UDP ports, the ICE-TCP
   * listener and connections), ICE-TCP connections, DTLS handshakes under way and those waiting for
   * their address's or user's turn, and how often a socket reader failed and was restarted.
   */
  public record Resources(
      int threads,
      int sockets,
      int tcpConnections,
      int handshakesRunning,
      int handshakesWaiting,
      long readerRestarts) {}

  /** One transport. {@code selectedPair} is null until ICE has chosen one. */
  public record TransportView(
      String id,
      String state,
      String iceState,
      PairView selectedPair,
      String srtpProfile,
      TransportStats.Counters counters) {}

  /** The candidate pair media flows over. */
  public record PairView(String protocol, String local, String remote) {}

  @GET
  @Operation(
      summary = "The media server: ports, threads, transports, rooms with media and their counters")
  @APIResponse(
      responseCode = "200",
      description = "The figures now",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MediaStats.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public MediaStats get() {
    currentUser.requireAdmin();
    return media
        .engine()
        .map(
            e ->
                new MediaStats(
                    true,
                    e.udpPort(),
                    e.tcpPort(),
                    e.iceSessionCount(),
                    new Resources(
                        e.threadCount(),
                        e.openSocketCount(),
                        e.tcpConnectionCount(),
                        e.handshakesRunning(),
                        e.handshakesWaiting(),
                        e.readerRestarts()),
                    SimulatedLossResource.View.of(e.simulatedLoss()),
                    e.transports().stream().map(t -> view(t.snapshot())).toList(),
                    rooms.stats()))
        .orElse(
            new MediaStats(
                false, 0, 0, 0, new Resources(0, 0, 0, 0, 0, 0), null, List.of(), List.of()));
  }

  private static TransportView view(TransportSnapshot s) {
    var pair =
        s.selectedPair()
            .map(
                p ->
                    new PairView(
                        p.transport().name().toLowerCase(Locale.ROOT),
                        p.local().getAddress().getHostAddress() + ":" + p.local().getPort(),
                        p.remote().getAddress().getHostAddress() + ":" + p.remote().getPort()))
            .orElse(null);
    return new TransportView(
        s.id(),
        s.state().name().toLowerCase(Locale.ROOT),
        s.iceState().name().toLowerCase(Locale.ROOT),
        pair,
        s.srtpProfile().orElse(null),
        s.counters());
  }
}
