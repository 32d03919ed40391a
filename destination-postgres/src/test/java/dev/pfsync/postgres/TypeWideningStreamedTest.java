package dev.pfsync.postgres;

/**
 * Every case of {@link TypeWideningTest}, with checkpoints applied row by row as the engine streams
 * them.
 */
class TypeWideningStreamedTest extends TypeWideningTest {
  @Override
  boolean streamed() {
    return true;
  }
}
