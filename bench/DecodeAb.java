// Java side of bench/decode_ab.sh (run by the single-file source launcher): decoder CPU time of
// two asr.jar builds in one JVM, each in its own class loader, alternated round by round on the
// same synthetic CTC output (bench/decode.sh --work DIR), so that machine load hits both alike.
// Prints per decoder the minimum and mean thread CPU time and their ratios new / base.
// Usage: java DecodeAb.java BASE.jar NEW.jar WORK_DIR ROUNDS
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.*;
import java.util.function.Supplier;

public class DecodeAb {
  static ThreadMXBean mx = ManagementFactory.getThreadMXBean();

  static class Side {
    String name; ClassLoader cl; Collection<?> mats; Map<String, Supplier<?>> dec = new LinkedHashMap<>();
    Method decode;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Side side(String name, String jar, Path w) throws Exception {
    Side s = new Side();
    s.name = name;
    s.cl = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    Class<?> ka = s.cl.loadClass("org.asrnas.core.io.KaldiArchive");
    s.mats = ((Map<?, ?>) ka.getMethod("readAll", Path.class).invoke(null, w.resolve("test.ark"))).values();
    Class<?> ds = s.cl.loadClass("org.asrnas.decoder.DecoderSetup");
    Class<?> mode = s.cl.loadClass("org.asrnas.decoder.lm.ArpaModel$Mode");
    Object strict = Enum.valueOf((Class) mode, "STRICT");
    Class<?> kind = s.cl.loadClass("org.asrnas.decoder.DecoderSetup$Kind");
    Class<?> po = s.cl.loadClass("org.asrnas.decoder.PrefixBeamDecoder$Options");
    Class<?> lo = s.cl.loadClass("org.asrnas.decoder.LexiconDecoder$Options");
    Object p = po.getMethod("defaults").invoke(null);
    p = po.getMethod("withBeamSize", int.class).invoke(p, 16);
    Object l = lo.getMethod("defaults").invoke(null);
    l = lo.getMethod("withBeamSize", int.class).invoke(l, 50);
    Object lm = lo.getMethod("withLmWeight", double.class).invoke(l, 0.5);
    Method load = ds.getMethod("load", Path.class, Optional.class, Optional.class, mode);
    Method decoders = ds.getMethod("decoders", kind, po, lo);
    Object noLm = load.invoke(null, w.resolve("units.txt"), Optional.of(w.resolve("lexicon.txt")), Optional.empty(), strict);
    Object withLm = load.invoke(null, w.resolve("units.txt"), Optional.of(w.resolve("lexicon.txt")), Optional.of(w.resolve("lm.arpa")), strict);
    s.dec.put("greedy", (Supplier<?>) decoders.invoke(noLm, Enum.valueOf((Class) kind, "GREEDY"), p, l));
    s.dec.put("prefix16", (Supplier<?>) decoders.invoke(noLm, Enum.valueOf((Class) kind, "PREFIX_BEAM"), p, l));
    s.dec.put("lexicon50", (Supplier<?>) decoders.invoke(noLm, Enum.valueOf((Class) kind, "LEXICON"), p, l));
    s.dec.put("lexicon50+lm", (Supplier<?>) decoders.invoke(withLm, Enum.valueOf((Class) kind, "LEXICON"), p, lm));
    s.decode = s.cl.loadClass("org.asrnas.decoder.CtcDecoder").getMethod("decode", s.cl.loadClass("org.asrnas.core.io.FloatMatrix"));
    return s;
  }

  static long run(Side s, Object d) throws Exception {
    long t0 = mx.getCurrentThreadCpuTime();
    for (Object m : s.mats) s.decode.invoke(d, m);
    return mx.getCurrentThreadCpuTime() - t0;
  }

  public static void main(String[] a) throws Exception {
    Path w = Path.of(a[2]);
    int rounds = Integer.parseInt(a[3]);
    Side[] sides = {side("base", a[0], w), side("new", a[1], w)};
    for (String k : sides[0].dec.keySet()) {
      Object[] d = {sides[0].dec.get(k).get(), sides[1].dec.get(k).get()};
      run(sides[0], d[0]); run(sides[1], d[1]); // warm-up
      long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
      long[] sum = new long[2];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < 2; i++) {
          int j = (r % 2 == 0) ? i : 1 - i;
          long t = run(sides[j], d[j]);
          best[j] = Math.min(best[j], t);
          sum[j] += t;
        }
      }
      System.out.printf(Locale.ROOT, "%-14s base min %8.1f ms  new min %8.1f ms  ratio(min) %.3f  ratio(mean) %.3f%n",
          k, best[0] / 1e6, best[1] / 1e6, (double) best[1] / best[0], (double) sum[1] / sum[0]);
    }
  }
}
