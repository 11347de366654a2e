package dev.chorus.bench.firstframe;

import dev.chorus.e2e.Browser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.HasCdp;

/**
 * Join → first decoded frame in Chromium (issue 16, item 6): one Chromium page shows its fake
 * camera in a room; a second one, logged in and on the room list, clicks the room; the page's own
 * timestamps (PageProbe) say how long it took until the shower's video decoded its first frame, and
 * where the time went. Warm trials leave and enter again in the same page; cold ones load a fresh
 * page (or start a fresh Chromium) first. See bench/README.md, "First frame".
 */
public final class FirstFrameBench {
  private static final String SHOWER = "ff-shower";
  private static final String VIEWER = "ff-viewer";
  private static final String PASSWORD = "first frame bench password";
  private static final long TRIAL_TIMEOUT_MS = 30_000;

  private final Options options;
  private final List<Trial> trials = new ArrayList<>();
  private int udpPort;
  private int tcpPort;
  private Rest rest;
  private String adminToken;
  private String roomId;

  private FirstFrameBench(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    new FirstFrameBench(Options.parse(args)).run();
  }

  private void run() throws Exception {
    var loadAtStart = Report.loadAverage();
    rest = new Rest(options.base());
    udpPort = options.mediaUdpPort() > 0 ? options.mediaUdpPort() : rest.mediaPort("udpPort");
    tcpPort = options.mediaTcpPort() > 0 ? options.mediaTcpPort() : rest.mediaPort("tcpPort");
    var admin = rest.login(options.admin(), options.adminPassword());
    adminToken = admin;
    rest.ensureAccount(admin, SHOWER, PASSWORD);
    rest.ensureAccount(admin, VIEWER, PASSWORD);
    var showerToken = rest.login(SHOWER, PASSWORD);
    var viewerToken = rest.login(VIEWER, PASSWORD);
    roomId = rest.room(showerToken, options.roomName());
    progress("room " + options.roomName() + " (" + roomId + ")");
    String userAgent;
    try (var shower = new Browser(options.cameraFps())) {
      showInRoom(shower, showerToken, roomId);
      userAgent = String.valueOf(shower.script("return navigator.userAgent"));
      progress("shower " + SHOWER + " shows; " + options.trials() + " warm trials");
      Browser viewer = null;
      try {
        viewer = viewerOnRoomList(viewerToken);
        for (int i = 0; i < options.trials(); i++) {
          trials.add(trial(viewer, "warm", i + 1));
        }
        for (int i = 0; i < options.cold(); i++) {
          if (options.coldBrowser()) {
            viewer.close();
            viewer = viewerOnRoomList(viewerToken);
          } else {
            // A reload (a new document: socket, scripts, peer connection all new), not a hash
            // change.
            viewer.driver().navigate().refresh();
            viewer.visible("shell");
            viewer.click("rooms-nav");
            awaitListed(viewer);
          }
          trials.add(trial(viewer, options.coldBrowser() ? "cold (new Chromium)" : "cold", i + 1));
        }
      } finally {
        if (viewer != null) {
          viewer.close();
        }
      }
    } finally {
      rest.logout(showerToken);
      rest.logout(viewerToken);
      rest.logout(admin);
    }
    var report =
        Report.render(
            trials,
            options.base(),
            udpPort,
            tcpPort,
            options.note(),
            "%s; load average at the start %s".formatted(userAgent, loadAtStart));
    System.out.print(report);
    if (options.out() != null) {
      Files.writeString(options.out(), report);
    }
    var failed = trials.stream().filter(t -> !t.ok(udpPort, tcpPort)).count();
    if (failed > 0) {
      progress(failed + " of " + trials.size() + " trials showed no frame or not over the SFU");
      System.exit(1);
    }
  }

  /** The shower: logged in, in the room, showing, its send connection up to the server. */
  private void showInRoom(Browser shower, String token, String roomId) {
    shower.logInWithToken(options.base(), token);
    shower.script("location.hash = arguments[0]", "#room/" + roomId);
    awaitIn(shower);
    shower.click("show-button");
    shower.until(
        d ->
            Boolean.TRUE.equals(
                    shower.script(
                        "const s = await window.chorusRoomMedia.stats();"
                            + " return !!(s.publishing && s.send && s.send.remotePort"
                            + " && s.send.bytesSent > 0);"))
                ? Boolean.TRUE
                : null);
  }

  /** A viewer page with the probe, logged in, on the room list with the bench's room listed. */
  private Browser viewerOnRoomList(String token) {
    var viewer = new Browser(options.cameraFps());
    ((HasCdp) viewer.driver())
        .executeCdpCommand(
            "Page.addScriptToEvaluateOnNewDocument", Map.of("source", PageProbe.SCRIPT));
    viewer.logInWithToken(options.base(), token);
    viewer.click("rooms-nav");
    awaitListed(viewer);
    return viewer;
  }

  private void awaitListed(Browser viewer) {
    viewer.visible("room-directory");
    viewer.type("room-search", options.roomName());
    viewer.visible(roomItem());
  }

  private By roomItem() {
    return By.cssSelector("[data-test='room-item'][data-room-name='" + options.roomName() + "']");
  }

  private static void awaitIn(Browser b) {
    b.until(
        d -> "in".equals(b.visible("room-view").getAttribute("data-state")) ? Boolean.TRUE : null);
  }

  /** One trial: click the room, wait for the shower's first decoded frame, leave. */
  @SuppressWarnings("unchecked")
  private Trial trial(Browser viewer, String kind, int n) throws InterruptedException {
    Thread.sleep(options.pauseMs()); // the previous leave settles on the server
    var before = keyframes();
    viewer.script("window.__ff.reset(arguments[0])", SHOWER);
    viewer.click(roomItem());
    var deadline = System.currentTimeMillis() + TRIAL_TIMEOUT_MS;
    Map<String, Object> result;
    do {
      Thread.sleep(50);
      result = (Map<String, Object>) viewer.script("return window.__ff.result()");
    } while (!done(result) && System.currentTimeMillis() < deadline);
    Thread.sleep(100); // the tile's first presented frame, after the decode
    result = (Map<String, Object>) viewer.script("return window.__ff.result()");
    var trial = Trial.of(kind, n, result, keyframes().minus(before));
    progress(trial.line(udpPort, tcpPort));
    viewer.click("leave-room");
    awaitListed(viewer);
    return trial;
  }

  /** The server's key frame counters for the room's video, or none if the admin API fails. */
  private Keyframes keyframes() {
    try {
      return Keyframes.of(rest.get("api/admin/media", adminToken), roomId);
    } catch (Exception e) {
      progress("GET api/admin/media: " + e);
      return Keyframes.NONE;
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean done(Map<String, Object> result) {
    var marks = (Map<String, Object>) result.get("marks");
    return marks.containsKey("framesDecoded") && result.get("pair") != null;
  }

  static void progress(String line) {
    System.err.println("[first-frame] " + line);
  }

  /** Command-line options (bench/README.md, "First frame"). */
  record Options(
      URI base,
      int trials,
      int cold,
      boolean coldBrowser,
      int mediaUdpPort,
      int mediaTcpPort,
      String admin,
      String adminPassword,
      String roomName,
      int cameraFps,
      long pauseMs,
      String note,
      Path out) {
    static Options parse(String[] args) {
      URI base = null;
      int trials = 10;
      int cold = 3;
      boolean coldBrowser = false;
      int udp = -1;
      int tcp = -1;
      String admin = "bench-admin";
      String adminPassword = "bench admin password";
      String room = "First frame";
      int fps = 30;
      long pause = 1000;
      String note = null;
      Path out = null;
      for (int i = 0; i < args.length; i++) {
        var v = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--base" -> base = URI.create(v.endsWith("/") ? v : v + "/");
          case "--trials" -> trials = Integer.parseInt(v);
          case "--cold" -> cold = Integer.parseInt(v);
          case "--cold-browser" -> {
            coldBrowser = true;
            i--;
          }
          case "--media-udp-port" -> udp = Integer.parseInt(v);
          case "--media-tcp-port" -> tcp = Integer.parseInt(v);
          case "--admin" -> admin = v;
          case "--admin-password" -> adminPassword = v;
          case "--room" -> room = v;
          case "--camera-fps" -> fps = Integer.parseInt(v);
          case "--pause-ms" -> pause = Long.parseLong(v);
          case "--note" -> note = v;
          case "--out" -> out = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (base == null) {
        throw new IllegalArgumentException("--base https://localhost:PORT/ is required");
      }
      return new Options(
          base,
          trials,
          cold,
          coldBrowser,
          udp, // ≤ 0: the server's own, from /health/ready
          tcp,
          admin,
          adminPassword,
          room,
          fps,
          pause,
          note,
          out);
    }
  }
}
