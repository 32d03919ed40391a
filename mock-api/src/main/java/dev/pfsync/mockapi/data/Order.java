package dev.pfsync.mockapi.data;

/**
 * One order version.
 *
 * @param modifiedAt epoch milliseconds
 */
public record Order(
    long orderId,
    String userId,
    long amountCents,
    String currency,
    String status,
    long modifiedAt) {

  static final String[] CURRENCIES = {
    "USD", "USD", "USD", "EUR", "EUR", "GBP", "CAD", "AUD", "JPY"
  };
  static final String[] STATUSES = {
    "pending",
    "paid",
    "paid",
    "shipped",
    "shipped",
    "delivered",
    "delivered",
    "cancelled",
    "refunded"
  };

  /** Order of the keyset: {@code (modified_at, order_id)}, both numeric. */
  public static int compareKey(Order a, Order b) {
    int c = Long.compare(a.modifiedAt, b.modifiedAt);
    return c != 0 ? c : Long.compare(a.orderId, b.orderId);
  }

  public static int compareId(Order a, Order b) {
    return Long.compare(a.orderId, b.orderId);
  }
}
