package org.asrnas.core.corpus;

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
  static Map<TextCorpus.Split, List<Prompt>> prompts(int n) {
    Map<TextCorpus.Split, List<Prompt>> m = new EnumMap<>(TextCorpus.Split.class);
    for (TextCorpus.Split s : TextCorpus.Split.values()) {
      List<Prompt> ps = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = s.prefix() + String.format("%06d", i);
        ps.add(new Prompt(id, "A B C D E F G H I J K L M N", "A b c d e f g h i j k l m n."));
      }
      m.put(s, ps);
    }
    return m;
  }

  @Test
  void testVoicesAndFamiliesNeverOccurInTraining() {
    WsjPlan.Config c = WsjPlan.Config.defaults().withSize(0.5, 40);
    WsjPlan plan = WsjPlan.plan(prompts(2000), c);
    Set<String> trainVoices = new HashSet<>();
    Set<String> trainFamilies = new HashSet<>();
    Map<Voice.Engine, Integer> engines = new EnumMap<>(Voice.Engine.class);
    for (SynthUtterance u : plan.utterances("train_si284")) {
      trainVoices.add(u.speaker().voice().key());
      trainFamilies.add(u.speaker().voice().family());
      engines.merge(u.speaker().voice().engine(), 1, Integer::sum);
    }
    for (String set : List.of("test_dev93", "test_eval92")) {
      List<SynthUtterance> utts = plan.utterances(set);
      assertEquals(40, utts.size());
      Set<Voice.Engine> testEngines = new HashSet<>();
      for (SynthUtterance u : utts) {
        assertFalse(trainVoices.contains(u.speaker().voice().key()), u.toString());
        assertFalse(trainFamilies.contains(u.speaker().voice().family()), u.toString());
        testEngines.add(u.speaker().voice().engine());
        assertTrue(u.id().startsWith(u.speaker().id() + "_"));
      }
      assertEquals(Set.of(Voice.Engine.values()), testEngines, "every engine in " + set);
    }
    // Engines balanced: espeak-ng about 40% of training, flite and festival the rest.
    int n = plan.utterances("train_si284").size();
    assertTrue(
        Math.abs(engines.get(Voice.Engine.ESPEAK) / (double) n - 0.4) < 0.1, engines.toString());
    assertTrue(engines.get(Voice.Engine.FESTIVAL) > n / 10, engines.toString());
    // Hours as asked, estimated from words.
    assertEquals(0.5, plan.estimatedHours("train_si284", c), 0.05);
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
    Speaker s = new Speaker("t001", new Voice(Voice.Engine.FLITE, "awb", "awb"), 1.25, 100, -3.5);
    Prompt p = new Prompt("tr000001", "HELLO THERE", "-v Hello there.");
    SynthUtterance u = new SynthUtterance("t001_tr000001", s, p, 0.2, 0.3);
    List<String> flite =
        SpeechSynthesizer.engineCommand(u, Path.of("/t/x.txt"), Path.of("/t/x.wav"));
    assertEquals(
        List.of(
            "flite",
            "-voice",
            "awb",
            "--setf",
            "duration_stretch=0.800",
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
    assertEquals(
        List.of("pitch", "100", "gain", "-3.50", "pad", "0.200", "0.300"),
        sox.subList(sox.indexOf("/t/x.sph") + 1, sox.size()));
    Speaker f =
        new Speaker("t002", new Voice(Voice.Engine.FESTIVAL, "kal_diphone", "kal"), 1, 0, 0);
    String scm =
        SpeechSynthesizer.festivalScript(
            List.of(new SynthUtterance("t002_x", f, p, 0, 0)), Path.of("/w"));
    assertTrue(scm.startsWith("(voice_kal_diphone)\n(Parameter.set 'Duration_Stretch 1.000)\n"));
    assertTrue(scm.contains("(Utterance Text \"-v Hello there.\")) \"/w/t002_x.wav\" 'riff)"));
  }
}
