package dev.pfsync.bench;

import java.util.List;

/**
 * One round of benchmark 1: the sync's rate and, measured right after it, the rates of the two
 * {@code \copy} baselines. The machine swings 2x from one minute to the next, so only ratios within
 * a round are compared, and their median over rounds.
 *
 * @param pfsync rows/s of the sync
 * @param idOrder rows/s of {@code \copy} of the rows in id order
 * @param cursorOrder rows/s of {@code \copy} of the rows in cursor order, as a sync inserts them
 */
record Round(double pfsync, double idOrder, double cursorOrder) {

  /** The baseline a ratio is taken against. */
  enum Baseline {
    ID_ORDER,
    CURSOR_ORDER
  }

  double ratio(Baseline baseline) {
    return pfsync / (baseline == Baseline.ID_ORDER ? idOrder : cursorOrder);
  }

  /** The ratio of every round, in order, as the report shows them: {@code "0.25 0.27 0.24"}. */
  static String ratios(List<Round> rounds, Baseline baseline) {
    StringBuilder b = new StringBuilder();
    for (Round r : rounds) {
      b.append(b.length() == 0 ? "" : " ").append(Format.ratio(r.ratio(baseline)));
    }
    return b.toString();
  }

  /** The median ratio (the mean of the middle two for an even count). */
  static double median(List<Round> rounds, Baseline baseline) {
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("no rounds");
    }
    double[] v = rounds.stream().mapToDouble(r -> r.ratio(baseline)).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
