package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Source description, PT 202 (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.5">RFC 3550
 * §6.5</a>): per SSRC a chunk of (type, text) items, each chunk ended by a null octet and
 * null-padded to a 32-bit boundary. Item text must be valid UTF-8 (RFC 3550 §6.5); a packet with
 * invalid text is rejected.
 */
public record SourceDescription(List<SourceDescription.Chunk> chunks) implements RtcpPacket {
  public static final int END = 0;
  public static final int CNAME = 1;
  public static final int NAME = 2;
  public static final int EMAIL = 3;
  public static final int PHONE = 4;
  public static final int LOC = 5;
  public static final int TOOL = 6;
  public static final int NOTE = 7;
  public static final int PRIV = 8;

  /** The items describing one SSRC. */
  public record Chunk(long ssrc, List<Item> items) {
    public Chunk {
      Checks.u32(ssrc, "ssrc");
      items = List.copyOf(items);
    }

    int encodedLength() {
      int n = 4;
      for (Item item : items) {
        n += 2 + item.encodedText().length;
      }
      return RtcpHeader.roundUp4(n + 1);
    }
  }

  /** One SDES item; {@code text} is at most 255 bytes in UTF-8. */
  public record Item(int type, String text) {
    public Item {
      Checks.range(type, 1, 255, "SDES item type");
      Checks.range(text.getBytes(StandardCharsets.UTF_8).length, 0, 255, "SDES text length");
    }

    byte[] encodedText() {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  public SourceDescription {
    chunks = List.copyOf(chunks);
    Checks.maxCount(chunks.size(), "SDES chunks");
  }

  /** An SDES packet carrying only a CNAME, as every compound RTCP packet needs. */
  public static SourceDescription cname(long ssrc, String cname) {
    return new SourceDescription(List.of(new Chunk(ssrc, List.of(new Item(CNAME, cname)))));
  }

  /** The CNAME given for {@code ssrc}, if any. */
  public Optional<String> cnameOf(long ssrc) {
    for (Chunk c : chunks) {
      if (c.ssrc() == ssrc) {
        for (Item i : c.items()) {
          if (i.type() == CNAME) {
            return Optional.of(i.text());
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Parses the SDES packet that is exactly {@code len} bytes at {@code off}. */
  public static Optional<SourceDescription> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len, RtcpHeader.SDES, -1);
    if (body < 0) {
      return Optional.empty();
    }
    int count = RtcpHeader.countOrFormat(buf, off);
    int p = off + RtcpHeader.LENGTH;
    int end = p + body;
    List<Chunk> chunks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (p + 4 > end) {
        return Optional.empty();
      }
      long ssrc = BigEndian.u32(buf, p);
      p += 4;
      List<Item> items = new ArrayList<>();
      while (true) {
        if (p >= end) {
          return Optional.empty();
        }
        int type = buf[p] & 0xFF;
        if (type == END) {
          p = off + RtcpHeader.roundUp4(p + 1 - off);
          if (p > end) {
            return Optional.empty();
          }
          break;
        }
        if (p + 2 > end || p + 2 + (buf[p + 1] & 0xFF) > end) {
          return Optional.empty();
        }
        int textLength = buf[p + 1] & 0xFF;
        Optional<String> text = Utf8.decode(buf, p + 2, textLength);
        if (text.isEmpty()) {
          return Optional.empty();
        }
        items.add(new Item(type, text.get()));
        p += 2 + textLength;
      }
      chunks.add(new Chunk(ssrc, items));
    }
    return p == end ? Optional.of(new SourceDescription(chunks)) : Optional.empty();
  }

  @Override
  public int packetType() {
    return RtcpHeader.SDES;
  }

  @Override
  public int encodedLength() {
    int n = RtcpHeader.LENGTH;
    for (Chunk c : chunks) {
      n += c.encodedLength();
    }
    return n;
  }

  @Override
  public int writeTo(byte[] buf, int off) {
    int len = encodedLength();
    if (!RtcpHeader.fits(buf, off, len)) {
      return -1;
    }
    RtcpHeader.write(buf, off, chunks.size(), RtcpHeader.SDES, len, false);
    int p = off + RtcpHeader.LENGTH;
    for (Chunk c : chunks) {
      int chunkEnd = p + c.encodedLength();
      BigEndian.put32(buf, p, c.ssrc());
      p += 4;
      for (Item item : c.items()) {
        byte[] text = item.encodedText();
        buf[p] = (byte) item.type();
        buf[p + 1] = (byte) text.length;
        System.arraycopy(text, 0, buf, p + 2, text.length);
        p += 2 + text.length;
      }
      while (p < chunkEnd) {
        buf[p++] = 0;
      }
    }
    return len;
  }
}
