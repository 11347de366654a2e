package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A trickle-ice-sdpfrag body (<a href="https://www.rfc-editor.org/rfc/rfc8840#section-9">RFC 8840
 * §9</a>), as a WHIP or WHEP client PATCHes it (RFC 9725 §4.3.1): the ICE credentials it is about
 * ({@code a=ice-ufrag}, {@code a=ice-pwd}, session or media level), and per {@code m=} section
 * ({@code a=mid}) its new candidates and whether gathering ended ({@code a=end-of-candidates}).
 * Other lines ({@code a=ice-options}, {@code a=group}, ...) are read past; a malformed candidate, a
 * line that is not {@code <type>=<value>}, a candidate outside any section and a section without
 * {@code a=mid} are errors naming the line.
 *
 * @param ufrag the fragment's ICE username fragment, if it names one
 * @param password its ICE password, if it names one
 * @param sections the {@code m=} sections, in order
 */
public record SdpFragment(
    Optional<String> ufrag, Optional<String> password, List<Section> sections) {

  /** One media section: its mid, new candidates, and whether it says gathering is done. */
  public record Section(String mid, List<Candidate> candidates, boolean endOfCandidates) {
    public Section {
      candidates = List.copyOf(candidates);
    }
  }

  public SdpFragment {
    sections = List.copyOf(sections);
  }

  /** Every candidate of every section. */
  public List<Candidate> candidates() {
    return sections.stream().flatMap(s -> s.candidates().stream()).toList();
  }

  /** Whether a section says its gathering is done. */
  public boolean endOfCandidates() {
    return sections.stream().anyMatch(Section::endOfCandidates);
  }

  /** Parses a fragment; never throws on malformed input. */
  public static SdpResult<SdpFragment> parse(String text) {
    if (text == null) {
      return fail(0, "", "no body");
    }
    String ufrag = null;
    String password = null;
    var sections = new ArrayList<Section>();
    String mid = null;
    int sectionLine = 0;
    String sectionText = null;
    List<Candidate> candidates = null;
    boolean end = false;
    var lines = text.split("\r\n|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i];
      int number = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        return fail(number, line, "not a <type>=<value> line");
      }
      if (line.startsWith("m=")) {
        if (candidates != null) {
          if (mid == null) {
            return fail(sectionLine, sectionText, "section without a=mid");
          }
          sections.add(new Section(mid, candidates, end));
        }
        mid = null;
        sectionLine = number;
        sectionText = line;
        candidates = new ArrayList<>();
        end = false;
      } else if (line.startsWith("a=ice-ufrag:")) {
        ufrag = value(line, "a=ice-ufrag:");
        if (ufrag.isEmpty()) {
          return fail(number, line, "empty ice-ufrag");
        }
      } else if (line.startsWith("a=ice-pwd:")) {
        password = value(line, "a=ice-pwd:");
        if (password.isEmpty()) {
          return fail(number, line, "empty ice-pwd");
        }
      } else if (line.startsWith("a=mid:")) {
        if (candidates == null) {
          return fail(number, line, "a=mid outside an m= section");
        }
        mid = value(line, "a=mid:");
        if (mid.isEmpty()) {
          return fail(number, line, "empty mid");
        }
      } else if (line.startsWith("a=candidate:")) {
        if (candidates == null) {
          return fail(number, line, "a candidate outside an m= section");
        }
        var candidate = Candidate.parse(line);
        if (candidate.failure().isPresent()) {
          return fail(number, line, candidate.failure().get().reason());
        }
        candidates.add(candidate.ok().orElseThrow());
      } else if (line.equals("a=end-of-candidates")) {
        if (candidates == null) {
          return fail(number, line, "a=end-of-candidates outside an m= section");
        }
        end = true;
      }
    }
    if (candidates != null) {
      if (mid == null) {
        return fail(sectionLine, sectionText, "section without a=mid");
      }
      sections.add(new Section(mid, candidates, end));
    }
    return new SdpResult.Ok<>(
        new SdpFragment(Optional.ofNullable(ufrag), Optional.ofNullable(password), sections));
  }

  private static String value(String line, String prefix) {
    return line.substring(prefix.length()).strip();
  }

  private static SdpResult<SdpFragment> fail(int number, String line, String reason) {
    return new SdpResult.Failed<>(new SdpParseError(number, line, reason));
  }
}
