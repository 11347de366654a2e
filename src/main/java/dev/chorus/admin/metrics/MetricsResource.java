package dev.chorus.admin.metrics;

import dev.chorus.api.dto.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/metrics}: every Chorus figure in the Prometheus text format, or OpenMetrics when
 * the scraper asks for it ({@code Accept: application/openmetrics-text}, as Prometheus does). Not
 * behind the users' bearer login: a scraper has its own token ({@code chorus.metrics.token}) or
 * scrapes from an allowed address ({@code chorus.metrics.allow}, loopback by default).
 */
@Path("metrics")
@Tag(name = "monitoring")
public class MetricsResource {
  @Inject ChorusMetrics metrics;
  @Inject ScrapeGuard guard;

  @GET
  @Produces({"text/plain", "application/openmetrics-text"})
  @Operation(
      summary = "Metrics for Prometheus",
      description =
          "Sockets, users online, rooms, media transports, producers, consumers, packets and bytes,"
              + " NACKs, PLIs, SRTP/DTLS failures, chat messages, logins, REST latency and the JVM."
              + " Allowed with the scrape token as a bearer token, or from an address of"
              + " chorus.metrics.allow.")
  @APIResponse(
      responseCode = "200",
      description = "Prometheus text format 0.0.4, or OpenMetrics 1.0 when accepted",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "401",
      description = "A scrape token is configured and was not sent",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description = "No scrape token is configured and the address is not allowed",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Problem.class)))
  public Response scrape(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.ACCEPT) String accept,
      @Context HttpServletRequest request) {
    guard.check(authorization, request.getRemoteAddr());
    boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
    var body = metrics.scrape(openMetrics);
    return Response.ok(body)
        .type(openMetrics ? ChorusMetrics.OPENMETRICS : ChorusMetrics.PROMETHEUS_TEXT)
        .build();
  }
}
