package org.asrnas.nas.search;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.asrnas.core.AsrInputException;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.OpSpec;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * What {@code asr nas show} prints and draws from a search run directory: the table of π per node
 * (last α step of {@code pi.csv}), the π curves over α steps, and the derived network, as PNG and
 * SVG charts made with JFreeChart (SVG through JFreeSVG).
 */
public final class SearchReport {
  private static final Color[] PALETTE = {
    new Color(0x1F77B4),
    new Color(0xFF7F0E),
    new Color(0x2CA02C),
    new Color(0xD62728),
    new Color(0x9467BD),
    new Color(0x8C564B),
    new Color(0xE377C2),
    new Color(0x7F7F7F)
  };

  private final Path dir;
  private final String strategy;
  private final ArchitectureSpec space;
  private final List<String> columns;
  private final List<double[]> piRows;
  private final List<Long> alphaSteps;

  private SearchReport(
      Path dir,
      String strategy,
      ArchitectureSpec space,
      List<String> columns,
      List<double[]> piRows,
      List<Long> alphaSteps) {
    this.dir = dir;
    this.strategy = strategy;
    this.space = space;
    this.columns = columns;
    this.piRows = piRows;
    this.alphaSteps = alphaSteps;
  }

  /** Reads a run directory written by {@link NasSearch}. */
  public static SearchReport load(Path dir) throws IOException, AsrInputException {
    Path run = dir.resolve("run.json");
    if (!Files.exists(run)) {
      throw AsrInputException.inFile(run, "missing; is " + dir + " a search run directory?");
    }
    JsonObject o = JsonParser.parseString(Files.readString(run)).getAsJsonObject();
    ArchitectureSpec space = ArchitectureSpec.read(dir.resolve("space.json"));
    List<String> cols = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    List<Long> steps = new ArrayList<>();
    Path pi = dir.resolve("pi.csv");
    if (Files.exists(pi)) {
      try (var reader = Files.newBufferedReader(pi, StandardCharsets.UTF_8)) {
        var parser =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
        List<String> header = parser.getHeaderNames();
        cols.addAll(header.subList(4, header.size()));
        for (CSVRecord r : parser) {
          double[] v = new double[cols.size()];
          try {
            for (int k = 0; k < v.length; k++) {
              v[k] = Double.parseDouble(r.get(4 + k));
            }
            steps.add(Long.parseLong(r.get(1)));
          } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw AsrInputException.atLine(
                pi, r.getRecordNumber() + 1, "malformed π row: " + e.getMessage());
          }
          rows.add(v);
        }
      }
    }
    return new SearchReport(dir, o.get("strategy").getAsString(), space, cols, rows, steps);
  }

  /**
   * The table of the last logged π per node (a star marks the argmax), then the derived network.
   */
  public List<String> table() throws IOException {
    List<String> out = new ArrayList<>();
    out.add("strategy " + strategy + ", " + alphaSteps.size() + " α steps logged");
    if (!piRows.isEmpty()) {
      double[] last = piRows.get(piRows.size() - 1);
      int c = 0;
      for (int i = 0; i < space.nodes().size(); i++) {
        List<OpSpec> cands = space.nodes().get(i).candidates();
        int best = c;
        for (int k = 0; k < cands.size(); k++) {
          if (last[c + k] > last[best]) {
            best = c + k;
          }
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "node %d:", i));
        for (int k = 0; k < cands.size(); k++) {
          b.append(
              String.format(
                  Locale.ROOT,
                  "  %s %.4f%s",
                  cands.get(k).name(),
                  last[c + k],
                  c + k == best ? "*" : " "));
        }
        out.add(b.toString());
        c += cands.size();
      }
    }
    out.addAll(decided(dir.resolve("search.csv")));
    Path random = dir.resolve("random.json");
    if (Files.exists(random)) {
      out.add("random search: " + Files.readString(random).replaceAll("\\s+", " "));
    }
    Path derived = dir.resolve("derived.txt");
    if (Files.exists(derived)) {
      out.add("derived (" + dir.resolve("derived.json") + "):");
      out.addAll(Files.readAllLines(derived));
    }
    return out;
  }

  /**
   * Whether π has decided, from the last row of {@code search.csv}: max π per node at the end of
   * the last search epoch, and whether the argmax of any node changed during that epoch (empty
   * without search.csv; one line saying so for a search.csv older than those columns).
   */
  static List<String> decided(Path csv) throws IOException {
    if (!Files.exists(csv)) {
      return List.of();
    }
    try (var reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      var parser =
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
      List<String> header = parser.getHeaderNames();
      CSVRecord last = null;
      for (CSVRecord r : parser) {
        last = r;
      }
      if (last == null) {
        return List.of("search: no epoch finished yet");
      }
      if (!header.contains("pi_max") || !header.contains("argmax_changed")) {
        return List.of("search: " + csv + " has no pi_max / argmax_changed columns (older run)");
      }
      String[] max = last.get("pi_max").strip().split(" ");
      StringBuilder b =
          new StringBuilder(
              String.format(
                  Locale.ROOT, "max π per node after search epoch %s:", last.get("epoch")));
      for (int i = 0; i < max.length; i++) {
        b.append(String.format(Locale.ROOT, " node %d %s", i, max[i]));
      }
      return List.of(
          b.toString(),
          "argmax changed in the last epoch: "
              + (Boolean.parseBoolean(last.get("argmax_changed")) ? "yes" : "no"));
    }
  }

  /**
   * Draws the π curves (one panel per node, one line per candidate, over α steps) into {@code
   * prefix}.png and .svg.
   *
   * @return the files written (none without pi.csv)
   */
  public List<Path> drawPiCurves(Path prefix) throws IOException {
    if (piRows.isEmpty()) {
      return List.of();
    }
    System.setProperty("java.awt.headless", "true");
    NumberAxis x = new NumberAxis("α step");
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
    int c = 0;
    for (int i = 0; i < space.nodes().size(); i++) {
      List<OpSpec> cands = space.nodes().get(i).candidates();
      XYSeriesCollection data = new XYSeriesCollection();
      for (int k = 0; k < cands.size(); k++) {
        XYSeries s = new XYSeries("node " + i + ": " + cands.get(k).name() + " (" + k + ")");
        for (int r = 0; r < piRows.size(); r++) {
          s.add(alphaSteps.get(r).doubleValue(), piRows.get(r)[c + k]);
        }
        data.addSeries(s);
      }
      NumberAxis y = new NumberAxis("π node " + i);
      // zoomed to the data (short searches barely leave 1/K), but never narrower than 0.05
      y.setAutoRangeIncludesZero(false);
      y.setAutoRangeMinimumSize(0.05);
      XYLineAndShapeRenderer ren = new XYLineAndShapeRenderer(true, false);
      for (int k = 0; k < cands.size(); k++) {
        ren.setSeriesStroke(k, new BasicStroke(1.5f));
        // candidate k has the same colour in every panel
        ren.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
      }
      plot.add(new XYPlot(data, null, y, ren));
      c += cands.size();
    }
    JFreeChart chart = new JFreeChart("π over the search (" + strategy + ")", plot);
    return save(chart, prefix, 900, 180 * space.nodes().size() + 120);
  }

  /**
   * Draws the derived network (derived.json) as a column of layer boxes, input at the bottom, into
   * {@code prefix}.png and .svg.
   *
   * @return the files written (none before the derive stage)
   */
  public List<Path> drawDerived(Path prefix) throws IOException, AsrInputException {
    Path json = dir.resolve("derived.json");
    if (!Files.exists(json)) {
      return List.of();
    }
    System.setProperty("java.awt.headless", "true");
    ArchitectureSpec d = ArchitectureSpec.read(json);
    List<String> labels = new ArrayList<>();
    List<Color> colors = new ArrayList<>();
    labels.add("input " + d.inputDim());
    colors.add(new Color(0xDDDDDD));
    for (int p = 0; p <= d.nodes().size(); p++) {
      for (ArchitectureSpec.FixedLayer f : d.fixed()) {
        if (f.after() == p) {
          labels.add("fixed " + f.op().name() + "  (" + f.width() + ")");
          colors.add(new Color(0xF4C27A));
        }
      }
      if (p < d.nodes().size()) {
        ArchitectureSpec.Node n = d.nodes().get(p);
        labels.add("node " + p + ": " + n.candidates().get(0).name() + "  (" + n.width() + ")");
        colors.add(new Color(0x9CC3E6));
      }
    }
    labels.add("linear -> " + d.units() + " units, CTC");
    colors.add(new Color(0xB8E0B0));
    XYPlot plot = new XYPlot();
    NumberAxis xa = new NumberAxis();
    xa.setRange(0, 10);
    xa.setVisible(false);
    NumberAxis ya = new NumberAxis();
    ya.setRange(-0.5, labels.size());
    ya.setVisible(false);
    plot.setDomainAxis(xa);
    plot.setRangeAxis(ya);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlineVisible(false);
    plot.setBackgroundPaint(Color.WHITE);
    for (int i = 0; i < labels.size(); i++) {
      plot.addAnnotation(
          new XYBoxAnnotation(
              1.5, i, 8.5, i + 0.7, new BasicStroke(1f), Color.DARK_GRAY, colors.get(i)));
      XYTextAnnotation t = new XYTextAnnotation(labels.get(i), 5, i + 0.35);
      t.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      plot.addAnnotation(t);
    }
    String title = "derived network (" + strategy + ")";
    Path txt = dir.resolve("derived.txt");
    JFreeChart chart = new JFreeChart(title, plot);
    chart.removeLegend();
    if (Files.exists(txt)) {
      List<String> lines = Files.readAllLines(txt);
      if (!lines.isEmpty()) {
        chart.addSubtitle(
            new org.jfree.chart.title.TextTitle(
                lines.get(0).replaceFirst("^supernet: [^;]*; ", "")));
      }
    }
    return save(chart, prefix, 640, 70 * labels.size() + 120);
  }

  private static List<Path> save(JFreeChart chart, Path prefix, int w, int h) throws IOException {
    chart.setBackgroundPaint(Color.WHITE);
    Path png = prefix.resolveSibling(prefix.getFileName() + ".png");
    Path svg = prefix.resolveSibling(prefix.getFileName() + ".svg");
    ChartUtils.saveChartAsPNG(png.toFile(), chart, w, h);
    SVGGraphics2D g = new SVGGraphics2D(w, h);
    chart.draw(g, new Rectangle(0, 0, w, h));
    SVGUtils.writeToSVG(svg.toFile(), g.getSVGElement());
    return List.of(png, svg);
  }
}
