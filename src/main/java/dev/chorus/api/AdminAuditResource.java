package dev.chorus.api;

import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import dev.chorus.api.dto.AuditEntryView;
import dev.chorus.api.dto.AuditPage;
import dev.chorus.api.dto.Problem;
import dev.chorus.im.audit.AuditLog;
import dev.chorus.im.audit.AuditRules;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/admin/audit} (administrators only): the audit log, newest first, filtered. */
@Path("admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "admin")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class AdminAuditResource {
  @Inject AuditLog log;
  @Inject CurrentUser currentUser;

  @GET
  @Operation(
      summary = "Read the audit log",
      description =
          "Admin actions and security events, newest first. actor: an account id or username;"
              + " action: a name (user.disabled) or a prefix ending with a dot (user.); since"
              + " (inclusive) and until (exclusive): ISO-8601 instants.")
  @APIResponse(
      responseCode = "200",
      description = "A page of entries",
      content = @Content(schema = @Schema(implementation = AuditPage.class)))
  @APIResponse(
      responseCode = "400",
      description = "Bad filter, limit or cursor",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "401",
      description = "Not logged in",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public AuditPage read(
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    currentUser.requireAdmin();
    var query =
        new AuditLog.Query(
            actor == null || actor.isBlank() ? null : actor.strip(),
            AuditRules.actionFilter(action),
            AuditRules.instant("since", since),
            AuditRules.instant("until", until));
    var page = log.read(query, Params.optionalInt("limit", limit), cursor);
    return new AuditPage(
        page.items().stream().map(AuditEntryView::of).toList(), page.nextCursor().orElse(null));
  }
}
