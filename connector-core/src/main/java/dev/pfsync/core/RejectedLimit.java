package dev.pfsync.core;

/**
 * How many rejected records a run tolerates before it fails ({@code --max-rejected}): a share of
 * the records it read ({@code 5%}, applied once the run has read at least {@link #MIN_RECORDS}) or
 * a count ({@code 50}). An API that changes a format then fails the run, naming the field, instead
 * of turning into an empty table and exit 0.
 */
public sealed interface RejectedLimit {
  /** Records a run reads before a share applies: one bad record among three is not drift. */
  long MIN_RECORDS = 100;

  /** The default: 5% of the records of a run. */
  RejectedLimit DEFAULT = new Share(5.0);

  /**
   * Whether {@code rejected} records among {@code records} read (rejected included) is too many.
   */
  boolean exceeded(long rejected, long records);

  /** At most this percentage of a run's records. */
  record Share(double percent) implements RejectedLimit {
    public Share {
      if (!(percent >= 0 && percent <= 100)) {
        throw new ConfigurationException(
            "max-rejected must be between 0% and 100%, was " + percent);
      }
    }

    @Override
    public boolean exceeded(long rejected, long records) {
      return records >= MIN_RECORDS && rejected * 100.0 > percent * records;
    }

    @Override
    public String toString() {
      return (percent == Math.rint(percent)
              ? Long.toString((long) percent)
              : Double.toString(percent))
          + "%";
    }
  }

  /** At most this many rejected records in a run. */
  record Count(long count) implements RejectedLimit {
    public Count {
      if (count < 0) {
        throw new ConfigurationException("max-rejected cannot be negative, was " + count);
      }
    }

    @Override
    public boolean exceeded(long rejected, long records) {
      return rejected > count;
    }

    @Override
    public String toString() {
      return Long.toString(count);
    }
  }

  /**
   * Reads {@code 5%}, {@code 0.5%} or {@code 50}.
   *
   * @throws ConfigurationException naming max-rejected (without echoing the text)
   */
  static RejectedLimit parse(String text) {
    String t = text.trim();
    try {
      if (t.endsWith("%")) {
        return new Share(Double.parseDouble(t.substring(0, t.length() - 1).trim()));
      }
      return new Count(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          "max-rejected must be a percentage such as 5% or a count such as 50");
    }
  }
}
