package dev.chorus.admin;

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

/**
 * {@code GET /api/admin/database} (administrators only): the number of rows of every entity, so an
 * operator (and the soak in bench/) can tell whether something grows that should not, without
 * opening the database the server holds locked.
 */
@Path("admin/database")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DatabaseStatsResource {
  @Inject CurrentUser currentUser;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  /** Rows per entity, by entity name. */
  public record DatabaseStats(Map<String, Long> rows) {}

  @GET
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
