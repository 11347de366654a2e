package dev.chorus.signaling.media;

import dev.chorus.im.account.UserRef;

/**
 * One stream published in a room: a publisher's camera group or screen share, or a WHIP stream.
 *
 * @param id the {@code a=msid} stream id, the one a WHEP player asks for
 * @param user who publishes it (a WHIP stream's pseudo-occupant)
 * @param source {@code camera} or {@code screen}
 * @param whip published by WHIP rather than a browser tab
 * @param partyId the publishing tab or WHIP party
 * @param audio it has an audio track
 * @param videoCodec its video's mime type, null without video
 * @param layers its video's simulcast layers (1 without simulcast, 0 without video)
 * @param players WHEP players of it now
 */
public record StreamInfo(
    String id,
    UserRef user,
    String source,
    boolean whip,
    String partyId,
    boolean audio,
    String videoCodec,
    int layers,
    int players) {}
