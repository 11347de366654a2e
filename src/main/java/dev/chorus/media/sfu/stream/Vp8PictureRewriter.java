package dev.chorus.media.sfu.stream;

import dev.chorus.media.codec.Vp8PayloadDescriptor;

/**
 * Keeps a consumer's VP8 PictureID and TL0PICIDX (<a
 * href="https://www.rfc-editor.org/rfc/rfc7741#section-4.2">RFC 7741 §4.2</a>) continuous across
 * simulcast switches: each encoding numbers its pictures independently, and a receiver that saw
 * picture 9000 of one layer would take picture 120 of the next for an old one and drop it. At a
 * switch (on a key frame) the deltas are set so that the new layer continues after the highest
 * values sent; in between they are added to every packet, in place.
 *
 * <p>Used by the producer's packet thread only.
 */
public final class Vp8PictureRewriter {
  private static final int PICTURE_ID_MASK = Vp8PayloadDescriptor.PICTURE_ID_MODULUS - 1;

  private boolean sentAny;
  private int pictureIdDelta;
  private int tl0Delta;
  private int highestPictureId = -1;
  private int highestTl0 = -1;

  /** Sets the deltas so that the switch packet's picture follows the highest one sent. */
  public void switchTo(Vp8PayloadDescriptor first) {
    if (!sentAny) {
      return;
    }
    if (first.hasPictureId() && highestPictureId >= 0) {
      pictureIdDelta = (highestPictureId + 1 - first.pictureId()) & PICTURE_ID_MASK;
    }
    if (first.hasTl0PicIdx() && highestTl0 >= 0) {
      tl0Delta = (highestTl0 + 1 - first.tl0PicIdx()) & 0xFF;
    }
  }

  /** Applies the deltas to a packet's descriptor in place. */
  public void rewrite(Vp8PayloadDescriptor d) {
    if (d.hasPictureId()) {
      int out = (d.pictureId() + pictureIdDelta) & PICTURE_ID_MASK;
      d.setPictureId(out);
      if (highestPictureId < 0 || isNewer15(out, highestPictureId)) {
        highestPictureId = out;
      }
    }
    if (d.hasTl0PicIdx()) {
      int out = (d.tl0PicIdx() + tl0Delta) & 0xFF;
      d.setTl0PicIdx(out);
      if (highestTl0 < 0 || (byte) (out - highestTl0) > 0) {
        highestTl0 = out;
      }
    }
    sentAny = true;
  }

  public int pictureIdDelta() {
    return pictureIdDelta;
  }

  public int tl0Delta() {
    return tl0Delta;
  }

  /** Applies given deltas (those in force when a packet was first sent), for retransmissions. */
  public static void rewrite(Vp8PayloadDescriptor d, int pictureIdDelta, int tl0Delta) {
    if (d.hasPictureId()) {
      d.setPictureId((d.pictureId() + pictureIdDelta) & PICTURE_ID_MASK);
    }
    if (d.hasTl0PicIdx()) {
      d.setTl0PicIdx((d.tl0PicIdx() + tl0Delta) & 0xFF);
    }
  }

  private static boolean isNewer15(int a, int b) {
    int d = (a - b) & PICTURE_ID_MASK;
    return d != 0 && d < (PICTURE_ID_MASK + 1) / 2;
  }
}
