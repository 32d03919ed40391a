package dev.pfsync.mockapi.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Applies mutation batches. Which rows change, and how, is drawn from a generator seeded by the
 * dataset seed and the batch number, so the same sequence of requests at the same clock gives the
 * same data.
 */
public final class Mutator {
  private final Dataset data;
  private long batches;
  private long nextSerial;
  private long nextOrderId;

  Mutator(Dataset data, long nextSerial, long nextOrderId) {
    this.data = data;
    this.nextSerial = nextSerial;
    this.nextOrderId = nextOrderId;
  }

  /**
   * Applies one batch stamped at {@code now} (epoch seconds).
   *
   * @throws IllegalArgumentException if more updates + deletes are asked than live users exist, or
   *     more order updates than orders
   */
  public synchronized MutationResult apply(MutationRequest req, long now) {
    List<User> all = data.users().byId();
    int[] live = IntStream.range(0, all.size()).filter(i -> !all.get(i).deleted()).toArray();
    if ((long) req.updates() + req.deletes() > live.length) {
      throw new IllegalArgumentException(
          "updates + deletes ("
              + (req.updates() + req.deletes())
              + ") exceed live users ("
              + live.length
              + ")");
    }
    List<Order> orders = data.orders().byId();
    if (req.orderUpdates() > orders.size()) {
      throw new IllegalArgumentException(
          "order_updates (" + req.orderUpdates() + ") exceed orders (" + orders.size() + ")");
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
    data.users().apply(changed, inserted);
    return orderChanges(req, rng, now, changed, inserted);
  }

  private MutationResult orderChanges(
      MutationRequest req, Rng rng, long now, List<User> changed, List<User> inserted) {
    List<Order> orders = data.orders().byId();
    int[] all = IntStream.range(0, orders.size()).toArray();
    List<Order> updatedOrders = new ArrayList<>();
    for (int at : pick(rng, all, req.orderUpdates())) {
      Order o = orders.get(at);
      String status = o.status();
      while (status.equals(o.status())) {
        status = Order.STATUSES[rng.nextInt(Order.STATUSES.length)];
      }
      updatedOrders.add(
          new Order(o.orderId(), o.userId(), o.amountCents(), o.currency(), status, now * 1000));
    }
    List<Order> newOrders = new ArrayList<>();
    for (int i = 0; i < req.orderInserts(); i++) {
      newOrders.add(Dataset.newOrder(data.seed(), nextOrderId++, rng, nextSerial, now * 1000));
    }
    data.orders().apply(updatedOrders, newOrders);
    int updates = req.updates();
    return new MutationResult(
        now,
        changed.subList(0, updates).stream().map(User::id).sorted().toList(),
        inserted.stream().map(User::id).sorted().toList(),
        changed.subList(updates, changed.size()).stream().map(User::id).sorted().toList(),
        updatedOrders.stream().map(Order::orderId).sorted().toList(),
        newOrders.stream().map(Order::orderId).toList());
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
