package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.DataDir;
import org.asrnas.corpus.SwbdSets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code asr corpus swbd-subsets TRAIN}: Kaldi's train_dev and train_nodup. */
@Command(
    name = "swbd-subsets",
    header = "Kaldi's train_dev and train_nodup from a Switchboard train dir.",
    mixinStandardHelpOptions = true,
    description = {
      "Writes Kaldi's Switchboard training subsets beside TRAIN: train_dev (the first",
      "--dev-utts utterances) and train_nodup (the rest, at most --max-dup copies of a transcript)."
    },
    footer = {"", "Example:", "  asr corpus swbd-subsets data/train --dev-utts 4000 --max-dup 300"})
public final class SwbdSubsetsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TRAIN", description = "the full training data directory")
  Path train;

  @Option(names = "--dev-utts", defaultValue = "4000", description = "default: ${DEFAULT-VALUE}")
  int devUtts;

  @Option(names = "--max-dup", defaultValue = "300", description = "default: ${DEFAULT-VALUE}")
  int maxDup;

  @Override
  public Integer call() throws IOException, AsrInputException {
    PrintWriter o = spec.commandLine().getOut();
    DataDir d = DataDir.load(train);
    Path parent = train.toAbsolutePath().getParent();
    DataDir dev = SwbdSets.first(d, devUtts);
    DataDir nodup = SwbdSets.removeDuplicates(SwbdSets.allBut(d, devUtts), maxDup);
    dev.write(parent.resolve("train_dev"));
    nodup.write(parent.resolve("train_nodup"));
    o.printf(
        Locale.ROOT,
        "train_dev: %d utterances; train_nodup: %d utterances%n",
        dev.utt2spk().size(),
        nodup.utt2spk().size());
    o.flush();
    return 0;
  }
}
