package dev.pfsync.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The table the benchmarks fill, one row per figure, and the notes under it. */
final class Report {
  private static final String[] HEAD = {
    "benchmark", "pfsync", "baseline", "ratio", "target / note"
  };

  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  void add(String what, String pfsync, String baseline, String ratio, String target) {
    rows.add(new String[] {what, pfsync, baseline, ratio, target});
  }

  /** A row of per-round ratios to both baselines and their medians. */
  void addRounds(String label, List<Round> rounds, String note) {
    add(
        label,
        "ratios vs id order: " + Round.ratios(rounds, Round.Baseline.ID_ORDER),
        "vs cursor order: " + Round.ratios(rounds, Round.Baseline.CURSOR_ORDER),
        "median "
            + Format.ratio(Round.median(rounds, Round.Baseline.ID_ORDER))
            + " / "
            + Format.ratio(Round.median(rounds, Round.Baseline.CURSOR_ORDER)),
        note);
  }

  void note(String note) {
    notes.add(note);
  }

  /** The heading line, then the table in Markdown with padded columns, then the notes. */
  void print(PrintStream out, String heading) {
    List<String[]> all = new ArrayList<>();
    all.add(HEAD);
    all.addAll(rows);
    int[] w = new int[HEAD.length];
    for (String[] r : all) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    out.println(heading);
    for (String[] r : all) {
      StringBuilder b = new StringBuilder("| ");
      for (int i = 0; i < r.length; i++) {
        b.append(String.format("%-" + w[i] + "s | ", r[i]));
      }
      out.println(b.toString().stripTrailing());
      if (r == HEAD) {
        StringBuilder sep = new StringBuilder("|");
        for (int x : w) {
          sep.append("-".repeat(x + 2)).append('|');
        }
        out.println(sep);
      }
    }
    notes.forEach(n -> out.println("note: " + n));
  }
}
