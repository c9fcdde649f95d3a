package org.asrnas.nas.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Line charts of columns of the run logs ({@code epochs.csv} of the trainer, {@code warmup.csv} and
 * {@code search.csv} of a search): the loss curves a recipe puts next to its RESULTS.md.
 */
public final class CsvCurves {
  /**
   * One curve.
   *
   * @param label legend text
   * @param x abscissae
   * @param y ordinates (non-finite values are left out of the chart)
   */
  public record Curve(String label, double[] x, double[] y) {
    public Curve {
      Checks.checkNotBlank(label, "label");
      Checks.checkArgument(x.length == y.length, "x and y differ in length");
    }
  }

  private CsvCurves() {}

  /**
   * Reads columns {@code xColumn} and {@code yColumn} of a CSV file with a header line.
   *
   * @param offset added to every x (to put a retrain after its search on one axis)
   */
  public static Curve read(Path csv, String xColumn, String yColumn, String label, double offset)
      throws IOException, AsrInputException {
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser p =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
      Map<String, Integer> header = p.getHeaderMap();
      for (String c : List.of(xColumn, yColumn)) {
        if (!header.containsKey(c)) {
          throw AsrInputException.atLine(
              csv, 1, "no column '" + c + "' in the header; columns are " + header.keySet());
        }
      }
      List<double[]> rows = new ArrayList<>();
      for (CSVRecord rec : p) {
        try {
          rows.add(
              new double[] {
                Double.parseDouble(rec.get(xColumn)) + offset, Double.parseDouble(rec.get(yColumn))
              });
        } catch (NumberFormatException e) {
          throw AsrInputException.atLine(
              csv,
              (int) rec.getRecordNumber() + 1,
              "not a number in column " + xColumn + " or " + yColumn + ": " + e.getMessage());
        }
      }
      double[] x = new double[rows.size()];
      double[] y = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        x[i] = rows.get(i)[0];
        y[i] = rows.get(i)[1];
      }
      return new Curve(label, x, y);
    }
  }

  /** The x value of the last row of a curve (0 when empty): where a following stage starts. */
  public static double lastX(Curve c) {
    return c.x().length == 0 ? 0 : c.x()[c.x().length - 1];
  }

  /**
   * Draws the curves into {@code prefix.png} and {@code prefix.svg}.
   *
   * @return the files written
   */
  public static List<Path> draw(
      List<Curve> curves, String title, String xLabel, String yLabel, boolean logY, Path prefix)
      throws IOException {
    Checks.checkArgument(!curves.isEmpty(), "nothing to plot");
    XYSeriesCollection data = new XYSeriesCollection();
    for (Curve c : curves) {
      XYSeries s = new XYSeries(c.label(), false, true);
      for (int i = 0; i < c.x().length; i++) {
        // a log axis cannot show non-positive values; NaN marks an epoch without a value
        if (Double.isFinite(c.y()[i]) && (!logY || c.y()[i] > 0)) {
          s.add(c.x()[i], c.y()[i]);
        }
      }
      data.addSeries(s);
    }
    NumberAxis xAxis = new NumberAxis(xLabel);
    ValueAxis yAxis;
    if (logY) {
      yAxis = new LogAxis(yLabel);
    } else {
      NumberAxis n = new NumberAxis(yLabel);
      n.setAutoRangeIncludesZero(false);
      yAxis = n;
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < curves.size(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, plot);
    chart.setBackgroundPaint(Color.WHITE);
    int w = 800;
    int h = 480;
    Files.createDirectories(prefix.toAbsolutePath().getParent());
    Path png = prefix.resolveSibling(prefix.getFileName() + ".png");
    Path svg = prefix.resolveSibling(prefix.getFileName() + ".svg");
    ChartUtils.saveChartAsPNG(png.toFile(), chart, w, h);
    SVGGraphics2D g = new SVGGraphics2D(w, h);
    chart.draw(g, new Rectangle(0, 0, w, h));
    SVGUtils.writeToSVG(svg.toFile(), g.getSVGElement());
    return List.of(png, svg);
  }
}
