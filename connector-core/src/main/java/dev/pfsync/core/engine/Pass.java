package dev.pfsync.core.engine;

/** The work of a run in one mode: pages through the source, checkpointing each page. */
sealed interface Pass permits IncrementalPass, HistoricalPass {

  /**
   * Does the mode's work until done, out of budget, or asked to stop.
   *
   * @param fetcher fetches the pages; the pass tells it which page it expects to need next
   */
  RunOutcome execute(RunContext run, PageFetcher fetcher);
}
