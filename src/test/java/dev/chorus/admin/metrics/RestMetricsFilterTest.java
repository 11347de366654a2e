package dev.chorus.admin.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestMetricsFilterTest {
  @Path("/rooms/")
  static class Rooms {
    @GET
    public void list() {}

    @GET
    @Path("{id}/members")
    public void members() {}
  }

  /** What a CDI proxy looks like: a subclass without annotations. */
  static class RoomsProxy extends Rooms {}

  @Path("sessions")
  static class Sessions {
    @POST
    public void login() {}
  }

  @Test
  void theRouteIsTheTemplateNeverTheRawPath() throws Exception {
    assertEquals("/api/rooms", RestMetricsFilter.route(Rooms.class, Rooms.class.getMethod("list")));
    assertEquals(
        "/api/rooms/{id}/members",
        RestMetricsFilter.route(RoomsProxy.class, Rooms.class.getMethod("members")));
    assertEquals(
        RestMetricsFilter.LOGIN_ROUTE,
        RestMetricsFilter.route(Sessions.class, Sessions.class.getMethod("login")));
    assertEquals("unmatched", RestMetricsFilter.route(null, null));
  }

  @Test
  void loginOutcomesFromTheStatus() {
    assertEquals(Optional.of(true), RestMetricsFilter.loginOutcome(201));
    assertEquals(Optional.of(false), RestMetricsFilter.loginOutcome(401));
    assertEquals(Optional.of(false), RestMetricsFilter.loginOutcome(429));
    assertEquals(Optional.of(false), RestMetricsFilter.loginOutcome(403));
    assertEquals(Optional.empty(), RestMetricsFilter.loginOutcome(400));
    assertEquals(Optional.empty(), RestMetricsFilter.loginOutcome(500));
  }
}
