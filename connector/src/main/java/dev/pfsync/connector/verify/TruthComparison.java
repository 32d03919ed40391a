package dev.pfsync.connector.verify;

import dev.pfsync.core.TableBinding;
import java.util.List;

/**
 * The result of comparing a destination table with the source's ground truth, row for row over
 * every declared column plus the tombstone mark.
 *
 * @param table the table compared
 * @param truthRows rows in the source's truth
 * @param destinationRows rows in the destination table
 * @param missing keys in the truth but not in the destination
 * @param extra keys in the destination but not in the truth
 * @param different keys whose values differ
 * @param truthChecksum SHA-256 over the truth's canonical rows
 * @param destinationChecksum SHA-256 over the destination's canonical rows
 * @param examples a few differences, for the reader
 */
public record TruthComparison(
    String table,
    long truthRows,
    long destinationRows,
    long missing,
    long extra,
    long different,
    String truthChecksum,
    String destinationChecksum,
    List<String> examples) {
  public TruthComparison {
    examples = List.copyOf(examples);
  }

  /** Whether the destination equals the truth exactly. */
  public boolean matches() {
    return missing == 0
        && extra == 0
        && different == 0
        && truthRows == destinationRows
        && truthChecksum.equals(destinationChecksum);
  }

  /** A human summary. */
  public String describe(TableBinding binding) {
    return String.format(
        "%s: source %,d rows, destination %,d rows, missing %,d, extra %,d, different %,d,"
            + " checksum %s %s %s -> %s",
        binding.table(),
        truthRows,
        destinationRows,
        missing,
        extra,
        different,
        truthChecksum.substring(0, 16),
        truthChecksum.equals(destinationChecksum) ? "==" : "!=",
        destinationChecksum.substring(0, 16),
        matches() ? "MATCH" : "MISMATCH");
  }
}
