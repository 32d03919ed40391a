package dev.pfsync.postgres;

/**
 * Every case of {@link TrickyValuesTest}, with checkpoints applied row by row as the engine streams
 * them.
 */
class TrickyValuesStreamedTest extends TrickyValuesTest {
  @Override
  boolean streamed() {
    return true;
  }
}
