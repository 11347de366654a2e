package dev.chorus.signaling;

import dev.chorus.im.presence.OnlineUser;
import dev.chorus.wire.JsonP;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Everyone online as a new tab first sees them: {@code presence.snapshot} pages of at most about
 * {@link #PAGE_BYTES} each, every page but the last marked {@code "more": true}.
 *
 * <p>Why pages: with 1,000 users online one snapshot was about 130 KB, and each socket that had
 * written a frame that big kept a buffer that big for as long as it stayed open (10,000 idle tabs:
 * about 1.3 GB of heap). Small pages because the container still keeps, per connection, buffers the
 * size of the largest frame it wrote: 3 KiB pages (and 4 KiB batches, {@link Lanes}) measured 61
 * KiB of heap per idle socket with 1,000 users online, against 69 with 12 and 16 KiB
 * (bench/README.md, "Idle sockets"). Chat can go out between two pages.
 */
final class PresenceSnapshot {
  /** A page's users, serialized (about 22 users). */
  static final int PAGE_BYTES = 3 * 1024;

  private PresenceSnapshot() {}

  /** The pages for these users (at least one, maybe with no users), in order. */
  static List<JsonObject> pages(List<OnlineUser> users) {
    var pages = new ArrayList<JsonObject>();
    var page = JsonP.array();
    long bytes = 0;
    for (var user : users) {
      var json = Wire.onlineUser(user);
      long size = OutboundQueue.utf8Length(json.toString());
      if (bytes > 0 && bytes + size > PAGE_BYTES) {
        pages.add(page(page.build(), true));
        page = JsonP.array();
        bytes = 0;
      }
      page.add(json);
      bytes += size + 1;
    }
    pages.add(page(page.build(), false));
    return pages;
  }

  private static JsonObject page(JsonArray users, boolean more) {
    var page = Wire.push("presence.snapshot").add("users", users);
    if (more) {
      page.add("more", true);
    }
    return page.build();
  }
}
