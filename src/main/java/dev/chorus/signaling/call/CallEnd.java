package dev.chorus.signaling.call;

/**
 * Why a call ended, as the {@code reason} of {@code call.ended}, and what history records. {@code
 * outcome} is null where nothing is recorded (the call record is written once).
 */
enum CallEnd {
  DECLINED("declined", "declined"),
  CANCELLED("cancelled", "missed"),
  NO_ANSWER("no_answer", "missed"),
  BUSY("busy", "busy"),
  UNAVAILABLE("unavailable", "missed"),
  HANGUP("hangup", "completed"),
  CONNECTION_LOST("connection_lost", "missed"),
  FAILED("failed", "failed");

  final String reason;
  final String outcome;

  CallEnd(String reason, String outcome) {
    this.reason = reason;
    this.outcome = outcome;
  }
}
