package org.asrnas.decoder.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.asrnas.core.Checks;

/**
 * Scores a CTM against an STM as Kaldi's {@code egs/swbd/s5c/local/score_sclite.sh} does through
 * SCTK's {@code hubscr.pl -l english -h hub5 -g GLM}: both files filtered by {@code csrfilt.sh -dh}
 * with the GLM ({@link CsrFilter}), then {@code sclite -r STM stm -h CTM ctm -F -D}.
 *
 * <p>What sclite does, and this class with it ({@code src/sclite/stm2ctm.c}, {@code
 * align_ctm_to_stm_dp} and {@code segment_hyp_for_utt}):
 *
 * <ol>
 *   <li>Case is folded (sclite without {@code -s}); both files are sorted by file, channel and
 *       begin time (stable), as {@code hubscr.pl}'s {@code sortSTM}/{@code sortCTM} do, before the
 *       GLM filter, whose split words keep their place.
 *   <li>Per file and channel, the segments are taken in order; segment {@code s} receives the next
 *       hypothesis words while their midpoint {@code begin + dur / 2} is before its end {@code
 *       t2(s)} (which sclite reads in single precision, {@code float}; CTM times in double
 *       precision); the last segment of the channel receives all remaining words. So a word outside
 *       every segment is an insertion of the next segment (or of the last one), not dropped. Words
 *       that fall to a segment marked {@code IGNORE_TIME_SEGMENT_IN_SCORING} are dropped with it.
 *   <li>Each segment is aligned with {@link Aligner#align(List, List, boolean, boolean)} ({@code
 *       -F}: fragments match; {@code -D}: {@code (w)} optionally deletable). sclite's {@code -T}
 *       (time-mediated word distances) is not passed by {@code hubscr.pl}, and sclite ignores it in
 *       STM/CTM mode anyway ({@code network_dp_align_texts(..., time_align = FALSE)}): times decide
 *       which segment a word belongs to, not how a segment is aligned.
 *   <li>A segment is one sentence of its STM speaker, named {@code speaker-NNN} (sclite's {@code
 *       (%s-%03d)} id); an empty segment is a sentence without words.
 * </ol>
 *
 * A channel with segments but without hypothesis words scores as all deletions (counted in {@link
 * Scorer.Report#missingHypotheses()}); hypothesis words of a file and channel that has no segment
 * are an error, as in sclite ("Hyp file has more data than ref file").
 */
public final class StmCtmScorer {
  private StmCtmScorer() {}

  /**
   * Scoring options.
   *
   * @param caseSensitive keep case (sclite {@code -s}); default folds
   * @param refGlm GLM rules csrfilt applies to the STM, with hyphen deletion ({@code -dh})
   * @param hypGlm GLM rules csrfilt applies to the CTM; both empty and no {@code splitHyphens}: no
   *     csrfilt
   * @param splitHyphens csrfilt's hyphen deletion without a GLM
   * @param switchboard drop noise, filler and partial words from the CTM first, as Kaldi's
   *     score_sclite.sh does before hubscr.pl
   * @param fragmentsCorrect sclite {@code -F}
   * @param optionalDeletable sclite {@code -D}
   */
  public record Options(
      boolean caseSensitive,
      Map<List<String>, List<String>> refGlm,
      Map<List<String>, List<String>> hypGlm,
      boolean splitHyphens,
      boolean switchboard,
      boolean fragmentsCorrect,
      boolean optionalDeletable) {
    public Options {
      refGlm = Map.copyOf(refGlm);
      hypGlm = Map.copyOf(hypGlm);
    }

    /** hubscr.pl's sclite options ({@code -F -D}), case folded, no GLM. */
    public static Options defaults() {
      return new Options(false, Map.of(), Map.of(), false, false, true, true);
    }

    public Options withCaseSensitive(boolean v) {
      return new Options(
          v, refGlm, hypGlm, splitHyphens, switchboard, fragmentsCorrect, optionalDeletable);
    }

    /** The same GLM rules for the STM and the CTM. */
    public Options withGlm(Map<List<String>, List<String>> v) {
      return withGlm(v, v);
    }

    /**
     * GLM rules for the STM and for the CTM, which differ when the GLM has {@code
     * INPUT_DEPENDENT_APPLICATION} sections ({@link TextFilter#readGlm(java.nio.file.Path, boolean,
     * String, String)} with {@code stm, ref} and {@code ctm, hyp}).
     */
    public Options withGlm(
        Map<List<String>, List<String>> ref, Map<List<String>, List<String>> hyp) {
      return new Options(
          caseSensitive, ref, hyp, splitHyphens, switchboard, fragmentsCorrect, optionalDeletable);
    }

    public Options withSplitHyphens(boolean v) {
      return new Options(
          caseSensitive, refGlm, hypGlm, v, switchboard, fragmentsCorrect, optionalDeletable);
    }

    public Options withSwitchboard(boolean v) {
      return new Options(
          caseSensitive, refGlm, hypGlm, splitHyphens, v, fragmentsCorrect, optionalDeletable);
    }

    public Options withFragmentsCorrect(boolean v) {
      return new Options(
          caseSensitive, refGlm, hypGlm, splitHyphens, switchboard, v, optionalDeletable);
    }

    public Options withOptionalDeletable(boolean v) {
      return new Options(
          caseSensitive, refGlm, hypGlm, splitHyphens, switchboard, fragmentsCorrect, v);
    }

    /** Whether csrfilt runs: a GLM or hyphen deletion was asked for. */
    boolean csrfilt() {
      return !refGlm.isEmpty() || !hypGlm.isEmpty() || splitHyphens;
    }
  }

  /** A file and channel, the unit sclite aligns in. */
  private record Channel(String file, String channel) {}

  private static final Comparator<Channel> CHANNEL_ORDER =
      Comparator.comparing(Channel::file).thenComparing(Channel::channel);

  /**
   * The first hypothesis word whose file and channel has no reference segment (after case folding),
   * or null when every word has one.
   */
  public static CtmWord firstWordWithoutSegments(
      List<StmSegment> stm, List<CtmWord> ctm, boolean caseSensitive) {
    java.util.Set<Channel> ref = new java.util.HashSet<>();
    for (StmSegment s : stm) {
      ref.add(new Channel(fold(s.file(), caseSensitive), fold(s.channel(), caseSensitive)));
    }
    for (CtmWord w : ctm) {
      if (!ref.contains(
          new Channel(fold(w.file(), caseSensitive), fold(w.channel(), caseSensitive)))) {
        return w;
      }
    }
    return null;
  }

  /**
   * Scores the hypothesis words against the segments.
   *
   * @throws IllegalArgumentException when hypothesis words belong to a file and channel without
   *     segments (see {@link #firstWordWithoutSegments})
   */
  public static Scorer.Report score(List<StmSegment> stm, List<CtmWord> ctm, Options o) {
    CtmWord stray = firstWordWithoutSegments(stm, ctm, o.caseSensitive());
    Checks.checkArgument(
        stray == null,
        "hypothesis words of file '%s' channel '%s' have no reference segment",
        stray == null ? "" : stray.file(),
        stray == null ? "" : stray.channel());
    boolean csr = o.csrfilt();
    CsrFilter refFilter = new CsrFilter(o.refGlm(), csr);
    CsrFilter hypFilter = new CsrFilter(o.hypGlm(), csr);
    Map<Channel, List<StmSegment>> refs = referenceChannels(stm, o, refFilter);
    Map<Channel, List<CtmWord>> hyps = hypothesisChannels(ctm, o, hypFilter);
    List<Scorer.UtteranceScore> utts = new ArrayList<>();
    Map<String, ErrorCounts> speakers = new LinkedHashMap<>();
    Map<String, ErrorCounts> subsets = new LinkedHashMap<>();
    subsets.put("SW", ErrorCounts.ZERO);
    subsets.put("CH", ErrorCounts.ZERO);
    ErrorCounts total = ErrorCounts.ZERO;
    int missing = 0;
    for (Map.Entry<Channel, List<StmSegment>> e : refs.entrySet()) {
      List<StmSegment> segs = new ArrayList<>(e.getValue());
      segs.sort(Comparator.comparingDouble(StmSegment::beginSeconds));
      List<CtmWord> words = hyps.getOrDefault(e.getKey(), List.of());
      boolean noHyp = words.isEmpty();
      String lower = e.getKey().file().toLowerCase(Locale.ROOT);
      String subset = lower.startsWith("sw") ? "SW" : lower.startsWith("en") ? "CH" : null;
      int next = 0;
      for (int i = 0; i < segs.size(); i++) {
        StmSegment s = segs.get(i);
        int end = next;
        if (i == segs.size() - 1) {
          end = words.size();
        } else {
          // sclite reads STM times through TEXT_atof, which returns a float
          double t2 = (float) s.endSeconds();
          while (end < words.size() && words.get(end).midSeconds() < t2) {
            end++;
          }
        }
        List<String> hw = new ArrayList<>(end - next);
        for (CtmWord w : words.subList(next, end)) {
          hw.add(w.word());
        }
        next = end;
        if (s.ignored()) {
          continue;
        }
        if (noHyp) {
          missing++;
        }
        Alignment a = Aligner.align(s.words(), hw, o.fragmentsCorrect(), o.optionalDeletable());
        ErrorCounts c = ErrorCounts.of(a);
        long n = speakers.containsKey(s.speaker()) ? speakers.get(s.speaker()).sentences() : 0;
        String id = String.format(Locale.ROOT, "%s-%03d", s.speaker(), n);
        utts.add(new Scorer.UtteranceScore(id, s.speaker(), s.words(), hw, a, c));
        speakers.merge(s.speaker(), c, ErrorCounts::plus);
        total = total.plus(c);
        if (subset != null) {
          subsets.merge(subset, c, ErrorCounts::plus);
        }
      }
    }
    if (subsets.get("SW").sentences() == 0 || subsets.get("CH").sentences() == 0) {
      subsets.clear();
    }
    return new Scorer.Report(utts, speakers, total, subsets, missing, false);
  }

  /** The reference segments by file and channel, case-folded and (csrfilt) GLM-filtered. */
  private static Map<Channel, List<StmSegment>> referenceChannels(
      List<StmSegment> stm, Options o, CsrFilter refFilter) {
    boolean csr = o.csrfilt();
    Map<Channel, List<StmSegment>> refs = new TreeMap<>(CHANNEL_ORDER);
    for (StmSegment s : stm) {
      List<String> words = new ArrayList<>(s.words().size());
      for (String w : s.words()) {
        words.add(fold(w, o.caseSensitive()));
      }
      StmSegment f =
          new StmSegment(
              fold(s.file(), o.caseSensitive()),
              fold(s.channel(), o.caseSensitive()),
              fold(s.speaker(), o.caseSensitive()),
              s.beginSeconds(),
              s.endSeconds(),
              s.labels(),
              csr ? refFilter.apply(words) : words,
              s.line());
      refs.computeIfAbsent(new Channel(f.file(), f.channel()), k -> new ArrayList<>()).add(f);
    }
    return refs;
  }

  /**
   * The hypothesis words by file and channel, case-folded, without Switchboard noise words, sorted
   * by begin time and then (csrfilt) GLM-filtered.
   */
  private static Map<Channel, List<CtmWord>> hypothesisChannels(
      List<CtmWord> ctm, Options o, CsrFilter hypFilter) {
    boolean csr = o.csrfilt();
    Map<Channel, List<CtmWord>> hyps = new TreeMap<>(CHANNEL_ORDER);
    for (CtmWord w : ctm) {
      CtmWord f =
          new CtmWord(
              fold(w.file(), o.caseSensitive()),
              fold(w.channel(), o.caseSensitive()),
              w.beginSeconds(),
              w.durationSeconds(),
              fold(w.word(), o.caseSensitive()),
              w.confidence(),
              w.line());
      if (o.switchboard() && TextFilter.isSwitchboardNoise(f.word())) {
        continue;
      }
      hyps.computeIfAbsent(new Channel(f.file(), f.channel()), k -> new ArrayList<>()).add(f);
    }
    // hubscr.pl sorts before csrfilt, whose split words keep their place even when their new
    // begin times overlap the next word's; the order is not sorted again
    for (List<CtmWord> list : hyps.values()) {
      list.sort(Comparator.comparingDouble(CtmWord::beginSeconds));
      if (csr) {
        List<CtmWord> split = new ArrayList<>(list.size());
        for (CtmWord w : list) {
          split.addAll(hypFilter.apply(w));
        }
        list.clear();
        list.addAll(split);
      }
    }
    return hyps;
  }

  private static String fold(String s, boolean caseSensitive) {
    return caseSensitive ? s : s.toLowerCase(Locale.ROOT);
  }
}
