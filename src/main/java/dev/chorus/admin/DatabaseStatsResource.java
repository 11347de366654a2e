package dev.chorus.admin;

import dev.chorus.api.ChorusApplication;
import dev.chorus.api.auth.Authenticated;
import dev.chorus.api.auth.CurrentUser;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/admin/database} (administrators only): the number of rows of every entity, so an
 * operator (and the soak in bench/) can tell whether something grows that should not, without
 * opening the database the server holds locked.
 */
@Path("admin/database")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "admin")
@SecurityRequirement(name = ChorusApplication.BEARER)
public class DatabaseStatsResource {
  @Inject CurrentUser currentUser;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  /** Rows per entity, by entity name. */
  public record DatabaseStats(Map<String, Long> rows) {}

  @GET
  @Operation(summary = "Rows per entity")
  @APIResponse(
      responseCode = "200",
      description = "Row counts by entity name",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DatabaseStats.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public DatabaseStats get() {
    currentUser.requireAdmin();
    var rows = new TreeMap<String, Long>();
    for (var entity : em.getMetamodel().getEntities()) {
      var count =
          em.createQuery("select count(e) from " + entity.getName() + " e", Long.class)
              .getSingleResult();
      rows.put(entity.getName(), count);
    }
    return new DatabaseStats(rows);
  }
}
