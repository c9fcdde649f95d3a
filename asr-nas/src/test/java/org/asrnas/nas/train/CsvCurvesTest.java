package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loss curves of the run logs: the columns read are the ones asked for, and a chart is drawn. */
class CsvCurvesTest {
  @TempDir Path dir;

  @Test
  void readsColumnsWithOffsetAndDrawsPngAndSvg() throws Exception {
    Path csv = dir.resolve("epochs.csv");
    Files.writeString(
        csv, "epoch,train_loss,heldout_loss\n1,250.5,240.0\n2,200.0,NaN\n3,150.25,140.0\n");
    CsvCurves.Curve c = CsvCurves.read(csv, "epoch", "train_loss", "retrain", 6);
    assertArrayEquals(new double[] {7, 8, 9}, c.x());
    assertArrayEquals(new double[] {250.5, 200.0, 150.25}, c.y());
    assertEquals(9, CsvCurves.lastX(c));

    CsvCurves.Curve h = CsvCurves.read(csv, "epoch", "heldout_loss", "held", 0);
    List<Path> out =
        CsvCurves.draw(List.of(c, h), "t", "epoch", "loss", false, dir.resolve("loss"));
    assertEquals(List.of(dir.resolve("loss.png"), dir.resolve("loss.svg")), out);
    BufferedImage png = ImageIO.read(out.get(0).toFile());
    assertEquals(800, png.getWidth());
    assertTrue(Files.readString(out.get(1)).contains("<svg"));
  }

  @Test
  void missingColumnNamesTheFileAndTheColumns() throws Exception {
    Path csv = dir.resolve("warmup.csv");
    Files.writeString(csv, "epoch,steps,train_loss\n1,47,482.5\n");
    AsrInputException e =
        assertThrows(
            AsrInputException.class, () -> CsvCurves.read(csv, "epoch", "heldout", "w", 0));
    assertTrue(e.getMessage().contains("warmup.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("heldout"), e.getMessage());
    assertTrue(e.getMessage().contains("train_loss"), e.getMessage());
  }
}
