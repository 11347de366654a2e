package dev.chorus.admin;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.signaling.Connections;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/admin/sockets} (administrators only): open and unauthenticated sockets, what
 * waits in their outbound queues now and the most one ever held (bounded by the per-socket cap),
 * how many were closed as too slow or on a failed send, and the limits in force.
 */
@Path("admin/sockets")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SocketStatsResource {
  @Inject CurrentUser currentUser;
  @Inject Connections connections;

  @GET
  public Connections.Stats get() {
    currentUser.requireAdmin();
    return connections.stats();
  }
}
