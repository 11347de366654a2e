package dev.chorus.web;

import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's error page (see web.xml): failures that happen before or outside JAX-RS (a bean
 * that cannot be created, a servlet error, an unknown static file) answer with the same JSON
 * problem body as the API, never the server's HTML page with a stack trace.
 */
@WebServlet("/error")
public class ErrorServlet extends HttpServlet {
  private static final Logger LOG = Logger.getLogger(ErrorServlet.class.getName());

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    var code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 404;
    var error = req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    String detail;
    if (status >= 500) {
      var incident = UUID.randomUUID().toString();
      LOG.log(
          Level.SEVERE,
          "Unexpected failure at "
              + req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
              + ", incident "
              + incident,
          error instanceof Throwable t ? t : null);
      detail = "Something went wrong on the server. Incident " + incident + " was logged.";
    } else if (status == 404) {
      detail = "There is nothing at this address.";
    } else {
      detail = "The request could not be completed.";
    }
    res.setStatus(status);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.getWriter()
        .write(
            Json.createObjectBuilder()
                .add("status", status)
                .add("title", status >= 500 ? "Internal server error" : "HTTP " + status)
                .add("detail", detail)
                .build()
                .toString());
  }
}
