package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.asrnas.nas.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Flag > config file > default, on the real options of {@code asr train}. */
class OptionPrecedenceTest {
  @TempDir Path tmp;

  private TrainCommand parse(String... extra) {
    TrainCommand cmd = new TrainCommand();
    String[] base = {"--data", "d", "--model", "m.json", "--out", "o"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    new CommandLine(cmd).parseArgs(args);
    return cmd;
  }

  private Path config(String json) throws Exception {
    Path f = tmp.resolve("c" + System.nanoTime() + ".json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void theConfigFilesSeedAndThreadsAreKeptWithoutFlags() throws Exception {
    Path f = config("{\"seed\": 7, \"threads\": 2}");
    TrainConfig cfg = TrainConfig.defaults().withOverrides(f);
    TrainCommand cmd = parse("--config", f.toString());
    assertEquals(7, OptionPrecedence.seed(cmd.seedOption, cfg.seed()));
    assertEquals(2, OptionPrecedence.threads(cmd.deviceOptions, f, cfg.threads()));
  }

  @Test
  void flagsBeatTheConfigFile() throws Exception {
    Path f = config("{\"seed\": 7, \"threads\": 2}");
    TrainConfig cfg = TrainConfig.defaults().withOverrides(f);
    TrainCommand cmd = parse("--config", f.toString(), "--seed", "3", "--threads", "1");
    assertEquals(3, OptionPrecedence.seed(cmd.seedOption, cfg.seed()));
    assertEquals(1, OptionPrecedence.threads(cmd.deviceOptions, f, cfg.threads()));
  }

  @Test
  void withoutFlagOrKeyTheDefaultsApply() throws Exception {
    Path f = config("{\"maxEpochs\": 2}");
    TrainConfig cfg = TrainConfig.defaults().withOverrides(f);
    TrainCommand cmd = parse("--config", f.toString());
    assertEquals(SeedOption.DEFAULT_SEED, OptionPrecedence.seed(cmd.seedOption, cfg.seed()));
    int expected = Integer.getInteger("ai.djl.pytorch.num_threads", 1);
    assertEquals(expected, OptionPrecedence.threads(cmd.deviceOptions, f, cfg.threads()));
    assertEquals(expected, OptionPrecedence.threads(parse().deviceOptions, null, 5));
  }

  @Test
  void aRetrainConfigThatDisagreesWithTheRunIsAnErrorNamingFileAndKey() throws Exception {
    Path f = config("{\"seed\": 9}");
    AsrInputException e =
        assertThrows(
            AsrInputException.class, () -> OptionPrecedence.requireRunValue(f, "seed", 9, 4));
    assertTrue(
        e.getMessage().contains(f.toString()) && e.getMessage().contains("'seed'"), e.getMessage());
    OptionPrecedence.requireRunValue(f, "seed", 4, 4);
    OptionPrecedence.requireRunValue(f, "threads", 1, 2); // no such key: the run's value applies
    OptionPrecedence.requireRunValue(null, "seed", 9, 4);
  }
}
