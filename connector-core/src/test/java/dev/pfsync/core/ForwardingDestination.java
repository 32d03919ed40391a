package dev.pfsync.core;

import java.util.List;
import java.util.Optional;

/** Passes every call to another destination; tests override the calls they want to observe. */
class ForwardingDestination implements Destination {
  private final Destination delegate;

  ForwardingDestination(Destination delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<String> open(String connectorId, List<TableSchema> tables) {
    return delegate.open(connectorId, tables);
  }

  @Override
  public void startRun(SyncMode mode) {
    delegate.startRun(mode);
  }

  @Override
  public void apply(Checkpoint checkpoint) {
    delegate.apply(checkpoint);
  }

  @Override
  public Optional<String> reloadState() {
    return delegate.reloadState();
  }

  @Override
  public void finishRun(RunStatus status, Optional<String> message) {
    delegate.finishRun(status, message);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
