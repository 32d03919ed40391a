package dev.pfsync.postgres;

/**
 * Every case of {@link CheckpointBookkeepingTest}, with checkpoints applied row by row as the
 * engine streams them.
 */
class CheckpointBookkeepingStreamedTest extends CheckpointBookkeepingTest {
  @Override
  boolean streamed() {
    return true;
  }
}
