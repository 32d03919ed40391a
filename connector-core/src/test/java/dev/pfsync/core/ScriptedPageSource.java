package dev.pfsync.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Returns canned pages in order, recording the requests; fails the test if asked for more. */
public final class ScriptedPageSource implements PageSource {
  private final Deque<Page> pages = new ArrayDeque<>();
  private final List<PageRequest> requests = new ArrayList<>();

  public ScriptedPageSource then(Page page) {
    pages.add(page);
    return this;
  }

  public List<PageRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public Page fetch(TableBinding table, PageRequest request) {
    requests.add(request);
    if (pages.isEmpty()) {
      throw new AssertionError("no more scripted pages; request " + request);
    }
    return pages.poll();
  }
}
