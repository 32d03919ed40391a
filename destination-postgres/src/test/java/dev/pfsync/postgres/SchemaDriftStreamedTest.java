package dev.pfsync.postgres;

/**
 * Every case of {@link SchemaDriftTest}, with checkpoints applied row by row as the engine streams
 * them.
 */
class SchemaDriftStreamedTest extends SchemaDriftTest {
  @Override
  boolean streamed() {
    return true;
  }
}
