package dev.chorus.signaling.media;

import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.sfu.transport.LocalParameters;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.SessionDescription;
import java.util.List;

/**
 * Not compiled by the build: prints Chorus's publish answer to the offer on stdin, with a made-up
 * server side. Compile it against target/classes into a directory of its own (it must sit in
 * package dev.chorus.signaling.media) for server.py.
 */
public class AnswerTool {
  public static void main(String[] args) throws Exception {
    var text = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    var offer = SessionDescription.parse(text).orElseThrow();
    var server =
        new LocalParameters(
            "srvU",
            "serverPassword0123456789",
            List.of(
                IceCandidate.parse("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host")
                    .orElseThrow()),
            DtlsFingerprint.parse(
                    "sha-256 "
                        + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
                        + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")
                .orElseThrow());
    if (args.length > 0 && args[0].equals("echo")) {
      var echo = EchoAnswer.answer(offer, server, new dev.chorus.media.sfu.echo.EchoForwarder(), false);
      System.out.print(echo.sdp().orElse(echo.problem()));
      return;
    }
    System.out.print(
        PublishAnswer.answer(
            offer, PublishAnswer.plan(offer), new TransportLines(server), Origin.of("5", 1)));
  }
}
