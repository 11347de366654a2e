package dev.chorus.im.room;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chorus.im.account.PasswordHasher;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.RoomMessages;
import dev.chorus.im.chat.SentMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The real room services over a {@link FakeDatabase}, with events recorded and checked as they are
 * fired (no transaction open, no occupancy lock held). For unit tests of the room rules.
 */
final class RoomsInMemory {
  final FakeDatabase db = new FakeDatabase();
  final FakeDatabase.Transactions tx = db.new Transactions();
  final RoomOccupancy occupancy = new RoomOccupancy();
  final RecordingEvents events =
      new RecordingEvents(
          () -> {
            assertFalse(tx.inside, "a room event fired inside a transaction");
            assertFalse(Thread.holdsLock(occupancy.lock), "a room event fired under the lock");
          });
  final RoomService rooms = new RoomService();
  final RoomCreationCap creationCap = new RoomCreationCap();
  final RoomPasswordGate passwordGate = new RoomPasswordGate();
  final RoomModeration moderation = new RoomModeration();
  final RoomAdministration administration = new RoomAdministration();
  final RoomStage stage = new RoomStage();
  final RoomBroadcast broadcast = new RoomBroadcast();
  final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Params(64, 1, 1));

  RoomsInMemory() {
    this(5, 30);
  }

  RoomsInMemory(int passwordFailuresPerUser, int passwordFailuresPerRoom) {
    var clock = Clock.systemUTC();
    occupancy.events = events;
    occupancy.maxOccupants = 10;
    occupancy.maxBroadcastOccupants = 20;
    occupancy.maxRoomsPerUser = 10;
    var messages = new RoomMessages();
    FakeDatabase.set(messages, "em", db.em);
    FakeDatabase.set(messages, "clock", clock);
    FakeDatabase.set(messages, "sent", new SentMessages());
    var accounts = db.new Accounts();
    rooms.em = db.em;
    rooms.accounts = accounts;
    rooms.hasher = hasher;
    rooms.occupancy = occupancy;
    rooms.messages = messages;
    rooms.events = events;
    rooms.clock = clock;
    rooms.tx = tx;
    creationCap.em = db.em;
    creationCap.clock = clock;
    creationCap.maxCreatedPerDay = 20;
    creationCap.init();
    rooms.creationCap = creationCap;
    passwordGate.hasher = hasher;
    passwordGate.clock = clock;
    passwordGate.maxFailuresPerUser = passwordFailuresPerUser;
    passwordGate.maxFailuresPerRoom = passwordFailuresPerRoom;
    passwordGate.failureWindow = Duration.ofMinutes(5);
    passwordGate.init();
    rooms.passwordGate = passwordGate;
    stage.em = db.em;
    stage.tx = tx;
    stage.events = events;
    rooms.stage = stage;
    var roles = new RoomRoles();
    roles.em = db.em;
    rooms.roles = roles;
    broadcast.em = db.em;
    broadcast.rooms = rooms;
    broadcast.occupancy = occupancy;
    broadcast.stage = stage;
    broadcast.accounts = accounts;
    broadcast.events = events;
    broadcast.clock = clock;
    broadcast.tx = tx;
    moderation.em = db.em;
    moderation.rooms = rooms;
    moderation.occupancy = occupancy;
    moderation.messages = messages;
    moderation.accounts = accounts;
    moderation.events = events;
    moderation.clock = clock;
    moderation.tx = tx;
    administration.em = db.em;
    administration.rooms = rooms;
    administration.occupancy = occupancy;
    administration.accounts = accounts;
    administration.events = events;
    administration.clock = clock;
    administration.tx = tx;
  }

  UserRef user(String name) {
    return UserRef.of(db.account(name));
  }

  /** A public room owned by {@code owner}, with a password or none. */
  Room room(UserRef owner, String password) {
    var room =
        new Room(
            "Room of " + owner.username(),
            "room of " + owner.username(),
            "",
            false,
            owner.id(),
            Instant.now());
    room.setPasswordHash(password == null ? null : hasher.hash(password));
    db.put(room);
    db.put(new RoomMember(room.id(), owner.id(), RoomRole.OWNER, Instant.now()));
    return room;
  }
}
