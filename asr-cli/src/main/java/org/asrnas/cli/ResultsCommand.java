package org.asrnas.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code asr results}: a recipe system's RESULTS.md from its machine-readable files. */
@Command(
    name = "results",
    header = "RESULTS.md of a recipe's searched system.",
    mixinStandardHelpOptions = true,
    description = {
      "Writes OUT/RESULTS.md for a searched system of a recipe (stage 6): error rates of",
      "SYS/results.tsv, pocketsphinx's OUT/pocketsphinx/SET/score/result.tsv when present,",
      "wall time and peak memory per stage (OUT/stage_times.tsv, OUT/stage_rss.tsv, the GNU",
      "time files of SYS), model and search cost (SYS/derived.txt, warmup.csv, search.csv,",
      "retrain/epochs.csv), the derived architecture (OUT/nas_show.txt) and links to the plots",
      "that asr nas show and asr plot drew into OUT."
    },
    footer = {
      "",
      "Example (what recipes/common/results.sh runs):",
      "  asr results --recipe wsj --sys exp/wsj/st-s1 --out exp/wsj --commit $(git rev-parse --short HEAD)"
    })
public final class ResultsCommand implements Callable<Integer> {
  @Option(names = "--recipe", required = true, description = "recipe name (wsj, swbd, mini)")
  String recipe;

  @Option(names = "--sys", required = true, paramLabel = "DIR", description = "system directory")
  Path sys;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "RESULTS.md's dir")
  Path out;

  @Mixin ProvenanceOptions provenance;

  @Option(
      names = "--targets",
      paramLabel = "FILE",
      description = "the recipe's targets (conf/targets.tsv): an \"against the targets\" table")
  Path targets;

  @Override
  public Integer call() throws IOException, AsrInputException {
    String md =
        SystemResults.render(
            new SystemResults.Inputs(
                recipe,
                sys,
                out,
                provenance.commit(),
                provenance.machine(),
                Instant.now(),
                targets));
    AtomicFiles.writeString(out.resolve("RESULTS.md"), md);
    return 0;
  }
}
