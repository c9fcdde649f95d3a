package org.asrnas.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.Segment;
import org.asrnas.core.data.WavEntry;
import org.junit.jupiter.api.Test;

class SwbdPlanTest {
  @Test
  void conversationsHaveTwoSidesBackchannelsAndDisjointVoices() {
    SwbdPlan plan =
        SwbdPlan.plan(WsjPlanTest.prompts(3000), SwbdPlan.Config.defaults().withSize(3, 0.5, 0.2));
    int backchannels = 0;
    int turns = 0;
    for (SwbdPlan.Conversation c : plan.conversations("train")) {
      assertFalse(c.a().voice().family().equals(c.b().voice().family()), "two different people");
      assertEquals(c.id() + "-A", c.a().id());
      for (SwbdPlan.Turn t : c.turns()) {
        turns++;
        Speaker s = t.side().equals("A") ? c.a() : c.b();
        assertEquals(s, t.utterance().speaker());
        if (t.backchannel()) {
          backchannels++;
          assertTrue(t.utterance().prompt().wordCount() <= 2);
        }
      }
    }
    assertTrue(backchannels > turns / 10, backchannels + " backchannels of " + turns);
    assertFalse(plan.conversations("eval2000").isEmpty());
    Set<String> evalIds = new HashSet<>();
    int sw = 0;
    for (SwbdPlan.Conversation c : plan.conversations("eval2000")) {
      assertFalse(c.a().voice().family().equals(c.b().voice().family()), "two different people");
      assertTrue(c.id().matches("(sw_4|en_7)\\d{4}"), c.id());
      assertTrue(evalIds.add(c.id()), "unique " + c.id());
      sw += c.id().startsWith("sw_") ? 1 : 0;
    }
    // Like LDC eval2000: a Switchboard half (Kaldi's SW subset) and a CallHome half.
    int n = plan.conversations("eval2000").size();
    assertTrue(sw >= n / 2 && sw <= (n + 1) / 2, sw + " SW conversations of " + n);
    for (SwbdPlan.Conversation c : plan.conversations(SwbdPlan.NEW_VOICE_SET)) {
      assertTrue(c.id().matches("(sw_6|en_8)\\d{4}"), c.id());
      assertTrue(evalIds.add(c.id()), "unique " + c.id());
    }
  }

  static List<Speaker> sides(List<SwbdPlan.Conversation> cs) {
    return cs.stream().flatMap(c -> java.util.stream.Stream.of(c.a(), c.b())).toList();
  }

  @Test
  void eval2000SpeakersAreNewSpeakersOfTheTrainingPopulation() {
    for (long seed : new long[] {1, 2, 3}) {
      SwbdPlan plan =
          SwbdPlan.plan(
              WsjPlanTest.prompts(3000), SwbdPlan.Config.defaults().withSize(seed, 1.0, 0.3));
      List<Speaker> train = sides(plan.conversations("train"));
      WsjPlanTest.assertSplit(
          train,
          Map.of("eval2000", sides(plan.conversations("eval2000"))),
          sides(plan.conversations(SwbdPlan.NEW_VOICE_SET)),
          SwbdPlan.DRAW);
      // Engines a third each of the training turns.
      Map<Voice.Engine, Integer> engines = new java.util.EnumMap<>(Voice.Engine.class);
      int turns = 0;
      for (SwbdPlan.Conversation c : plan.conversations("train")) {
        for (SwbdPlan.Turn t : c.turns()) {
          engines.merge(t.utterance().speaker().voice().engine(), 1, Integer::sum);
          turns++;
        }
      }
      for (Voice.Engine e : Voice.Engine.values()) {
        assertEquals(1.0 / 3, engines.getOrDefault(e, 0) / (double) turns, 0.06, engines + "");
      }
    }
  }

  @Test
  void planIsDeterministicForASeed() {
    SwbdPlan.Config c = SwbdPlan.Config.defaults().withSize(5, 0.3, 0.1);
    SwbdPlan a = SwbdPlan.plan(WsjPlanTest.prompts(1000), c);
    SwbdPlan b = SwbdPlan.plan(WsjPlanTest.prompts(1000), c);
    for (String set : a.setNames()) {
      assertEquals(a.conversations(set), b.conversations(set));
    }
    assertEquals(List.of("train", "eval2000", SwbdPlan.NEW_VOICE_SET), a.setNames());
    SwbdPlan other = SwbdPlan.plan(WsjPlanTest.prompts(1000), c.withSize(6, 0.3, 0.1));
    assertFalse(a.conversations("eval2000").equals(other.conversations("eval2000")));
  }

  @Test
  void trainDevIsTheFirstUtterancesAndNodupThinsRepeats() {
    Map<String, String> text = new TreeMap<>();
    Map<String, String> utt2spk = new TreeMap<>();
    Map<String, Segment> seg = new TreeMap<>();
    for (int i = 0; i < 10; i++) {
      String u = String.format("sw1-A_%06d-%06d", i * 100, i * 100 + 50);
      text.put(u, i % 2 == 0 ? "UH-HUH" : "HELLO NUMBER " + i);
      utt2spk.put(u, "sw1-A");
      seg.put(u, new Segment(u, "sw1-A", i, i + 0.5));
    }
    DataDir d =
        new DataDir(
            new TreeMap<>(Map.of("sw1-A", new WavEntry("sw1-A", "x.sph"))),
            new TreeMap<>(text),
            new TreeMap<>(utt2spk),
            new TreeMap<>(seg),
            new TreeMap<>());
    DataDir dev = SwbdSets.first(d, 3);
    assertEquals(
        List.copyOf(d.utt2spk().keySet()).subList(0, 3), List.copyOf(dev.utt2spk().keySet()));
    DataDir nodup = SwbdSets.removeDuplicates(SwbdSets.allBut(d, 3), 2);
    // Of the 7 remaining, UH-HUH occurs 3 times (utterances 4, 6, 8): only 2 are kept.
    assertEquals(6, nodup.utt2spk().size());
    assertEquals(2, nodup.text().values().stream().filter("UH-HUH"::equals).count());
  }

  @Test
  void sph2pipeEntriesBecomeSoxRemix() {
    WavEntry e = new WavEntry("sw1-B", "sph2pipe -f wav -p -c 2 /d/sw02001.sph |");
    assertEquals("sox -R /d/sw02001.sph -t wav - remix 2", SoxAudio.wavCommand(e));
    assertEquals(
        "sox -R /d/sw02001.sph -t wav - remix 2 speed 0.9 |",
        DataAugment.speed(
                new DataDir(
                    new TreeMap<>(Map.of("sw1-B", e)),
                    new TreeMap<>(),
                    new TreeMap<>(Map.of("sw1-B", "sw1-B")),
                    new TreeMap<>(),
                    new TreeMap<>()),
                0.9)
            .wavScp()
            .get("sp0.9-sw1-B")
            .spec());
    assertEquals("sox -R /a.sph -t wav -", SoxAudio.wavCommand(new WavEntry("u", "/a.sph")));
  }
}
