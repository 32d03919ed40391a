package dev.pfsync.postgres;

/**
 * Every case of {@link KeyEdgeCasesTest}, with checkpoints applied row by row as the engine streams
 * them.
 */
class KeyEdgeCasesStreamedTest extends KeyEdgeCasesTest {
  @Override
  boolean streamed() {
    return true;
  }
}
