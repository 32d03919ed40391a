package dev.pfsync.mockapi.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies mutation batches. Which rows change, and how, is drawn from a generator seeded by the
 * dataset seed and the batch number, so the same sequence of requests at the same clock (with the
 * same batches still waiting to commit) gives the same data.
 *
 * <p>A batch with a commit delay is computed and stamped at once but published only when the delay
 * has passed, as a database transaction that stamps its rows when it starts and commits later.
 * Until then its changes are invisible (also to later batches, which pick among visible rows), and
 * later batches leave the rows it changes alone, as a database's row locks would: a row's versions
 * become visible in the order of their batches, never an older one over a newer one. Batches commit
 * in the order their delays run out, on one thread.
 */
public final class Mutator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Mutator.class);

  private final Dataset data;
  private long batches;
  private long nextSerial;
  private long nextOrderId;
  private final Set<String> heldUsers = new HashSet<>();
  private final Set<Long> heldOrders = new HashSet<>();
  private ScheduledExecutorService commits; // made on the first delayed batch
  private boolean closed;

  Mutator(Dataset data, long nextSerial, long nextOrderId) {
    this.data = data;
    this.nextSerial = nextSerial;
    this.nextOrderId = nextOrderId;
  }

  /** The new row versions of one batch, published together. */
  private record Batch(
      List<User> users, List<User> newUsers, List<Order> orders, List<Order> newOrders) {}

  /**
   * Applies one batch stamped at {@code now} (epoch seconds), or schedules it to become visible
   * {@code req.commitDelayMs()} from now.
   *
   * @throws IllegalArgumentException if more updates + deletes are asked than live users exist, or
   *     more order updates than orders (not counting rows held by batches still to commit)
   * @throws IllegalStateException once closed
   */
  public synchronized MutationResult apply(MutationRequest req, long now) {
    if (closed) {
      throw new IllegalStateException("mutator is closed");
    }
    List<User> all = data.users().byId();
    int[] live =
        IntStream.range(0, all.size())
            .filter(i -> !all.get(i).deleted() && !heldUsers.contains(all.get(i).id()))
            .toArray();
    if ((long) req.updates() + req.deletes() > live.length) {
      throw new IllegalArgumentException(
          "updates + deletes ("
              + (req.updates() + req.deletes())
              + ") exceed live users ("
              + live.length
              + heldNote(heldUsers)
              + ")");
    }
    List<Order> orders = data.orders().byId();
    int[] free =
        IntStream.range(0, orders.size())
            .filter(i -> !heldOrders.contains(orders.get(i).orderId()))
            .toArray();
    if (req.orderUpdates() > free.length) {
      throw new IllegalArgumentException(
          "order_updates ("
              + req.orderUpdates()
              + ") exceed orders ("
              + free.length
              + heldNote(heldOrders)
              + ")");
    }
    Rng rng = Rng.derive(data.seed(), 1_000 + batches++);
    int[] picked = pick(rng, live, req.updates() + req.deletes());
    List<User> changed = new ArrayList<>();
    for (int i = 0; i < picked.length; i++) {
      User u = all.get(picked[i]);
      changed.add(i < req.updates() ? update(u, rng, now) : u.asDeleted(now));
    }
    List<User> inserted = new ArrayList<>();
    for (int i = 0; i < req.inserts(); i++) {
      inserted.add(Dataset.newUser(data.seed(), nextSerial++, rng, now, now));
    }
    List<Order> updatedOrders = new ArrayList<>();
    for (int at : pick(rng, free, req.orderUpdates())) {
      updatedOrders.add(withOtherStatus(orders.get(at), rng, now));
    }
    List<Order> newOrders = new ArrayList<>();
    for (int i = 0; i < req.orderInserts(); i++) {
      newOrders.add(Dataset.newOrder(data.seed(), nextOrderId++, rng, nextSerial, now * 1000));
    }
    Batch batch = new Batch(changed, inserted, updatedOrders, newOrders);
    if (req.commitDelayMs() == 0) {
      publish(batch);
    } else {
      hold(batch, req.commitDelayMs());
    }
    int updates = req.updates();
    return new MutationResult(
        now,
        changed.subList(0, updates).stream().map(User::id).sorted().toList(),
        inserted.stream().map(User::id).sorted().toList(),
        changed.subList(updates, changed.size()).stream().map(User::id).sorted().toList(),
        updatedOrders.stream().map(Order::orderId).sorted().toList(),
        newOrders.stream().map(Order::orderId).toList());
  }

  private static String heldNote(Set<?> held) {
    return held.isEmpty() ? "" : ", not counting " + held.size() + " held by batches to commit";
  }

  private void publish(Batch b) {
    data.users().apply(b.users(), b.newUsers());
    data.orders().apply(b.orders(), b.newOrders());
  }

  private void hold(Batch b, long delayMs) {
    b.users().forEach(u -> heldUsers.add(u.id()));
    b.orders().forEach(o -> heldOrders.add(o.orderId()));
    if (commits == null) {
      commits =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "mock-api-late-commits");
                t.setDaemon(true);
                return t;
              });
    }
    commits.schedule(() -> commitLate(b), delayMs, TimeUnit.MILLISECONDS);
  }

  private synchronized void commitLate(Batch b) {
    try {
      publish(b);
    } catch (RuntimeException e) {
      LOG.error("bug: a late commit failed", e);
    } finally {
      b.users().forEach(u -> heldUsers.remove(u.id()));
      b.orders().forEach(o -> heldOrders.remove(o.orderId()));
    }
  }

  /** Drops the batches still to commit and stops their thread; idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (commits != null) {
      commits.shutdownNow();
    }
  }

  private static Order withOtherStatus(Order o, Rng rng, long now) {
    String status = o.status();
    while (status.equals(o.status())) {
      status = Order.STATUSES[rng.nextInt(Order.STATUSES.length)];
    }
    return new Order(o.orderId(), o.userId(), o.amountCents(), o.currency(), status, now * 1000);
  }

  /** Changes one or two of name, address, company, job to different pool values. */
  private User update(User u, Rng rng, long now) {
    ValuePools p = data.pools();
    int first = u.first();
    int last = u.last();
    int street = u.street();
    int city = u.city();
    int company = u.company();
    int job = u.job();
    int fields = 1 + rng.nextInt(2);
    int field = rng.nextInt(4);
    for (int i = 0; i < fields; i++, field = (field + 1) % 4) {
      switch (field) {
        case 0 -> last = other(rng, last, p.lastNames());
        case 1 -> {
          street = other(rng, street, p.streets());
          city = rng.nextInt(p.cities());
        }
        case 2 -> company = other(rng, company, p.companies());
        default -> job = other(rng, job, p.jobs());
      }
    }
    return u.withUpdate(first, last, street, city, company, job, now);
  }

  private static int other(Rng rng, int current, int size) {
    return size < 2 ? current : (current + 1 + rng.nextInt(size - 1)) % size;
  }

  /** {@code k} distinct values of {@code from}, by a partial Fisher-Yates shuffle of a copy. */
  private static int[] pick(Rng rng, int[] from, int k) {
    int[] a = from.clone();
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(a.length - i);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return Arrays.copyOf(a, k);
  }
}
