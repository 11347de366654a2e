package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.presence.OnlineUser;
import dev.chorus.im.presence.PresenceStatus;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PresenceSnapshotTest {
  private static List<OnlineUser> online(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new OnlineUser(
                    new UserRef("id-" + i, "user" + i, "User Number " + i),
                    i % 3 == 0 ? PresenceStatus.AWAY : PresenceStatus.ONLINE))
        .toList();
  }

  @Test
  void nobodyElseOnlineIsOneEmptyLastPage() {
    var pages = PresenceSnapshot.pages(List.of());
    assertEquals(1, pages.size());
    assertEquals("presence.snapshot", pages.get(0).getString("type"));
    assertTrue(pages.get(0).getJsonArray("users").isEmpty());
    assertFalse(pages.get(0).containsKey("more"));
  }

  @Test
  void aThousandUsersComeInPagesThatEachFitOneTlsRecordAndAllButTheLastSayMore() {
    var pages = PresenceSnapshot.pages(online(1000));
    assertTrue(pages.size() > 1, "more than one page: " + pages.size());
    var seen = new ArrayList<String>();
    for (int i = 0; i < pages.size(); i++) {
      var page = pages.get(i);
      assertTrue(
          OutboundQueue.utf8Length(page.toString()) <= 16 * 1024,
          "page " + i + " fits a TLS record");
      assertEquals(i < pages.size() - 1, page.getBoolean("more", false), "page " + i);
      page.getJsonArray("users")
          .getValuesAs(JsonObject.class)
          .forEach(
              u -> {
                seen.add(u.getString("username"));
                assertEquals(
                    Integer.parseInt(u.getString("username").substring(4)) % 3 == 0
                        ? "away"
                        : "online",
                    u.getString("status"));
              });
    }
    assertEquals(
        IntStream.range(0, 1000).mapToObj(i -> "user" + i).toList(),
        seen,
        "everyone once, in order");
  }
}
