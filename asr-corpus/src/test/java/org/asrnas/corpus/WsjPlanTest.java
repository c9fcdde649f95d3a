package org.asrnas.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WsjPlanTest {
  static Map<PromptSets.Split, List<Prompt>> prompts(int n) {
    Map<PromptSets.Split, List<Prompt>> m = new EnumMap<>(PromptSets.Split.class);
    for (PromptSets.Split s : PromptSets.Split.values()) {
      List<Prompt> ps = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = s.prefix() + String.format("%06d", i);
        ps.add(new Prompt(id, "A B C D E F G H I J K L M N", "A b c d e f g h i j k l m n."));
      }
      m.put(s, ps);
    }
    return m;
  }

  /**
   * Asserts the split of a plan: every test speaker is new. A test speaker of a voice heard in
   * training is a recorded (flite, festival) voice whose settings are at least MIN_DISTANCE from
   * every training speaker's; an espeak-ng test variant is never in training (in any language);
   * newvoice persons occur nowhere else.
   */
  static void assertSplit(
      List<Speaker> train,
      Map<String, List<Speaker>> primary,
      List<Speaker> newVoice,
      SpeakerDraw draw) {
    Set<Voice> trainVoices = new HashSet<>();
    Set<String> trainFamilies = new HashSet<>();
    for (Speaker s : train) {
      trainVoices.add(s.voice());
      trainFamilies.add(s.voice().family());
    }
    // Male and female recorded persons are both learned, on both recorded engines.
    for (Voice v : VoiceInventory.RECORDED_TRAIN) {
      assertTrue(trainVoices.contains(v), "training has " + v);
    }
    for (Voice v : VoiceInventory.RECORDED_NEW) {
      assertFalse(trainFamilies.contains(v.family()), v + " in training");
    }
    Set<String> primaryFamilies = new HashSet<>();
    Set<String> devEspeak = new HashSet<>();
    for (Map.Entry<String, List<Speaker>> e : primary.entrySet()) {
      Set<String> persons = new HashSet<>();
      Set<Voice.Engine> engines = new HashSet<>();
      for (Speaker s : e.getValue()) {
        primaryFamilies.add(s.voice().family());
        engines.add(s.voice().engine());
        if (s.voice().engine() == Voice.Engine.ESPEAK) {
          assertFalse(trainFamilies.contains(s.voice().family()), "espeak variant in train: " + s);
          if (e.getKey().contains("dev")) {
            devEspeak.add(s.voice().family());
          } else {
            assertFalse(devEspeak.contains(s.voice().family()), "variant in dev and eval: " + s);
          }
        } else {
          assertTrue(trainVoices.contains(s.voice()), "recorded test voice not trained: " + s);
          persons.add(s.voice().family());
          for (Speaker t : train) {
            assertFalse(s.sameSettings(t), s + " repeats " + t);
            assertTrue(draw.distance(s, t) >= SpeakerDraw.MIN_DISTANCE, s + " too close to " + t);
          }
        }
      }
      assertEquals(Set.of(Voice.Engine.values()), engines, "every engine in " + e.getKey());
      assertEquals(Set.of("kal", "awb", "slt"), persons, "every training person in " + e.getKey());
    }
    assertFalse(newVoice.isEmpty());
    Set<String> newFamilies = new HashSet<>();
    for (Speaker s : newVoice) {
      assertFalse(trainFamilies.contains(s.voice().family()), "newvoice in training: " + s);
      assertFalse(primaryFamilies.contains(s.voice().family()), "newvoice in tests: " + s);
      newFamilies.add(s.voice().family());
    }
    assertTrue(newFamilies.containsAll(Set.of("rms", "ked")), newFamilies.toString());
  }

  static List<Speaker> speakers(List<SynthUtterance> utts) {
    return utts.stream().map(SynthUtterance::speaker).distinct().toList();
  }

  @Test
  void testSpeakersAreNewSpeakersOfTheTrainingPopulation() {
    for (long seed : new long[] {1, 2, 3}) {
      WsjPlan.Config c = WsjPlan.Config.defaults().withSeed(seed).withSize(0.5, 40);
      WsjPlan plan = WsjPlan.plan(prompts(2000), c);
      Map<String, List<Speaker>> primary = new java.util.LinkedHashMap<>();
      for (String set : List.of("test_dev93", "test_eval92")) {
        List<SynthUtterance> utts = plan.utterances(set);
        assertEquals(40, utts.size());
        utts.forEach(u -> assertTrue(u.id().startsWith(u.speaker().id() + "_")));
        primary.put(set, speakers(utts));
        assertEquals(8, primary.get(set).size());
      }
      assertSplit(
          speakers(plan.utterances("train_si284")),
          primary,
          speakers(plan.utterances(WsjPlan.NEW_VOICE_SET)),
          WsjPlan.DRAW);
      // newvoice reads the eval92 prompts.
      assertEquals(
          plan.utterances("test_eval92").stream().map(u -> u.prompt().id()).sorted().toList(),
          plan.utterances(WsjPlan.NEW_VOICE_SET).stream()
              .map(u -> u.prompt().id())
              .sorted()
              .toList());
      assertEquals(0.5, plan.estimatedHours("train_si284", c), 0.05);
    }
  }

  @Test
  void enginesHaveAThirdOfTheTrainingUtterancesEach() {
    WsjPlan plan = WsjPlan.plan(prompts(3000), WsjPlan.Config.defaults().withSize(1.0, 40));
    Map<Voice.Engine, Integer> engines = new EnumMap<>(Voice.Engine.class);
    Map<String, Integer> persons = new java.util.HashMap<>();
    List<SynthUtterance> train = plan.utterances("train_si284");
    for (SynthUtterance u : train) {
      engines.merge(u.speaker().voice().engine(), 1, Integer::sum);
      if (u.speaker().voice().engine() != Voice.Engine.ESPEAK) {
        persons.merge(u.speaker().voice().family(), 1, Integer::sum);
      }
    }
    for (Voice.Engine e : Voice.Engine.values()) {
      double share = engines.getOrDefault(e, 0) / (double) train.size();
      assertEquals(1.0 / 3, share, 0.04, e + " " + engines);
    }
    // The female recorded person is a real part of training, not a token.
    assertTrue(persons.get("slt") > train.size() / 10, persons.toString());
  }

  @Test
  void newSpeakersAreNeverNearATrainingSpeaker() {
    Voice slt = new Voice(Voice.Engine.FLITE, "slt", "slt");
    java.util.Random rnd = new java.util.Random(7);
    List<Speaker> train = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      train.add(WsjPlan.DRAW.draw("t" + i, slt, rnd));
    }
    int nearByChance = 0;
    for (int i = 0; i < 200; i++) {
      Speaker fresh = WsjPlan.DRAW.draw("x" + i, slt, rnd);
      nearByChance += train.stream().anyMatch(t -> WsjPlan.DRAW.distance(fresh, t) < 0.05) ? 1 : 0;
      Speaker s = WsjPlan.DRAW.drawNew("e" + i, slt, rnd, train);
      for (Speaker t : train) {
        assertFalse(s.sameSettings(t));
        assertTrue(WsjPlan.DRAW.distance(s, t) >= SpeakerDraw.MIN_DISTANCE, s + " near " + t);
      }
    }
    // Plain draws from the same ranges do land near training speakers: the check has teeth.
    assertTrue(nearByChance > 0, "no plain draw near a training speaker");
  }

  @Test
  void speakerSettingsAreRecordedAndInRange() {
    WsjPlan plan = WsjPlan.plan(prompts(2000), WsjPlan.Config.defaults().withSize(0.5, 40));
    for (String set : plan.setNames()) {
      for (Speaker s : speakers(plan.utterances(set))) {
        assertTrue(s.warp() >= SpeakerDraw.WARP_MIN && s.warp() <= SpeakerDraw.WARP_MAX, s + "");
        assertTrue(
            s.describe()
                .matches("\\S+ \\w+:\\S+ family=\\S+ rate=\\S+ pitch=\\d+ warp=\\S+ gain=\\S+"),
            s.describe());
        if (s.voice().engine() != Voice.Engine.ESPEAK) {
          boolean female = SpeakerDraw.FEMALE_FAMILIES.contains(s.voice().family());
          assertTrue(female ? s.pitch() >= 160 : s.pitch() <= 140, s.toString());
        }
      }
    }
  }

  @Test
  void planIsDeterministicForASeed() {
    WsjPlan.Config c = WsjPlan.Config.defaults().withSize(0.2, 20);
    WsjPlan a = WsjPlan.plan(prompts(500), c);
    WsjPlan b = WsjPlan.plan(prompts(500), c);
    WsjPlan other = WsjPlan.plan(prompts(500), c.withSeed(2));
    for (String set : a.setNames()) {
      assertEquals(a.utterances(set), b.utterances(set));
    }
    assertFalse(a.utterances("train_si284").equals(other.utterances("train_si284")));
  }

  @Test
  void commandsReadTextFromFilesAndSoxIsReproducible() {
    Speaker s =
        new Speaker("t001", new Voice(Voice.Engine.FLITE, "awb", "awb"), 1.25, 100, 1.05, -3.5);
    Prompt p = new Prompt("tr000001", "HELLO THERE", "-v Hello there.");
    SynthUtterance u = new SynthUtterance("t001_tr000001", s, p, 0.2, 0.3);
    List<String> flite =
        SpeechSynthesizer.engineCommand(u, Path.of("/t/x.txt"), Path.of("/t/x.wav"));
    // F0 is set in the engine, divided by the warp, so that the output's mean F0 is 100 Hz.
    assertEquals(
        List.of(
            "flite",
            "-voice",
            "awb",
            "--setf",
            "duration_stretch=0.800",
            "--setf",
            "int_f0_target_mean=95.2",
            "-f",
            "/t/x.txt",
            "-o",
            "/t/x.wav"),
        flite);
    SpeechSynthesizer synth =
        new SpeechSynthesizer(
            new SpeechSynthesizer.Options(
                1, SpeechSynthesizer.Options.sphere16k(), List.of(), Path.of("/tmp")));
    List<String> sox = synth.soxCommand(u, Path.of("/t/x.wav"), Path.of("/t/x.sph"));
    assertEquals("-R", sox.get(1), "no random dither");
    // Warp 1.05: 1200 log2(1.05) = 84 cents on the whole spectrum.
    assertEquals(
        List.of("pitch", "84", "gain", "-3.50", "pad", "0.200", "0.300"),
        sox.subList(sox.indexOf("/t/x.sph") + 1, sox.size()));
    // flite rms ignores int_f0_target_mean: its F0 goes to sox, from its mean of 107 Hz.
    Speaker rms = new Speaker("n001", new Voice(Voice.Engine.FLITE, "rms", "rms"), 1, 120, 1, 0);
    SynthUtterance ur = new SynthUtterance("n001_x", rms, p, 0, 0);
    assertFalse(
        String.join(" ", SpeechSynthesizer.engineCommand(ur, Path.of("/x"), Path.of("/y")))
            .contains("int_f0"));
    assertEquals(199, SpeechSynthesizer.soxCents(rms));
    Speaker f =
        new Speaker(
            "t002", new Voice(Voice.Engine.FESTIVAL, "kal_diphone", "kal"), 1, 120, 0.96, 0);
    String scm =
        SpeechSynthesizer.festivalScript(
            List.of(new SynthUtterance("t002_x", f, p, 0, 0)), Path.of("/w"));
    assertTrue(scm.startsWith("(voice_kal_diphone)\n(Parameter.set 'Duration_Stretch 1.000)\n"));
    assertTrue(scm.contains("(list 'target_f0_mean 125.0) (list 'target_f0_std 17.5)"), scm);
    assertTrue(scm.contains("(Utterance Text \"-v Hello there.\")) \"/w/t002_x.wav\" 'riff)"));
    assertEquals(-71, SpeechSynthesizer.soxCents(f));
  }
}
