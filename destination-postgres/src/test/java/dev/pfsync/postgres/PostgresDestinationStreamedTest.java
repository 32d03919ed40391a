package dev.pfsync.postgres;

/**
 * Every case of {@link PostgresDestinationTest}, with checkpoints applied row by row as the engine
 * streams them.
 */
class PostgresDestinationStreamedTest extends PostgresDestinationTest {
  @Override
  boolean streamed() {
    return true;
  }
}
