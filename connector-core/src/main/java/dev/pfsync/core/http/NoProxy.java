package dev.pfsync.core.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hosts that {@code NO_PROXY} sends direct, read as curl reads it: a comma-separated list where
 * {@code *} matches every host; a name matches itself and its subdomains, with or without a leading
 * dot ({@code example.com} and {@code .example.com} both match {@code api.example.com}); an IP
 * literal matches that address ({@code 10.0.0.0/8}: that range); {@code host:port} only that port.
 * Names are not resolved: {@code localhost} does not match {@code 127.0.0.1}.
 */
final class NoProxy {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private record Entry(String host, int port, int prefixBits) {}

  static final NoProxy NONE = new NoProxy(List.of(), false);

  private final List<Entry> entries;
  private final boolean all;

  private NoProxy(List<Entry> entries, boolean all) {
    this.entries = entries;
    this.all = all;
  }

  static NoProxy parse(String value) {
    List<Entry> entries = new ArrayList<>();
    boolean all = false;
    for (String raw : value.split("[,\\s]+")) {
      String item = raw.trim().toLowerCase(Locale.ROOT);
      if (item.isEmpty()) {
        continue;
      }
      if (item.equals("*")) {
        all = true;
        continue;
      }
      entry(item).ifPresent(entries::add);
    }
    return new NoProxy(List.copyOf(entries), all);
  }

  /** Whether a request to {@code host}:{@code port} goes direct. */
  boolean bypasses(String host, int port) {
    if (all) {
      return true;
    }
    String h = bare(host.toLowerCase(Locale.ROOT));
    for (Entry e : entries) {
      if (e.port() >= 0 && e.port() != port) {
        continue;
      }
      if (e.prefixBits() >= 0 ? inRange(h, e) : matches(h, e.host())) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Entry> entry(String item) {
    String host = item;
    int port = -1;
    int bits = -1;
    if (host.startsWith("[")) { // [v6], [v6]:port or [v6]/bits
      int close = host.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      String rest = host.substring(close + 1);
      host = host.substring(1, close);
      if (rest.startsWith(":")) {
        port = parsePort(rest.substring(1));
      } else if (rest.startsWith("/")) {
        host += rest; // [v6]/bits
      }
    } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
      port = parsePort(host.substring(host.indexOf(':') + 1)); // name:port or v4:port
      host = host.substring(0, host.indexOf(':'));
    }
    int slash = host.indexOf('/');
    if (slash > 0) {
      bits = parsePort(host.substring(slash + 1));
      host = host.substring(0, slash);
      if (bits < 0 || !isIpLiteral(host)) {
        return Optional.empty();
      }
    }
    host = bare(host.startsWith(".") ? host.substring(1) : host);
    return host.isEmpty() ? Optional.empty() : Optional.of(new Entry(host, port, bits));
  }

  private static boolean matches(String host, String entry) {
    if (isIpLiteral(entry) || isIpLiteral(host)) {
      return sameAddress(host, entry);
    }
    return host.equals(entry) || host.endsWith("." + entry);
  }

  private static boolean inRange(String host, Entry e) {
    Optional<byte[]> address = literal(host);
    Optional<byte[]> network = literal(e.host());
    if (address.isEmpty() || network.isEmpty()) {
      return false;
    }
    byte[] a = address.get();
    byte[] n = network.get();
    if (a.length != n.length || e.prefixBits() > a.length * 8) {
      return false;
    }
    int shift = a.length * 8 - e.prefixBits();
    return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, n).shiftRight(shift));
  }

  private static boolean sameAddress(String a, String b) {
    Optional<byte[]> x = literal(a);
    Optional<byte[]> y = literal(b);
    return x.isPresent() && y.isPresent() && java.util.Arrays.equals(x.get(), y.get());
  }

  private static boolean isIpLiteral(String host) {
    return IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
  }

  /** The address of an IP literal, never looked up in DNS. */
  private static Optional<byte[]> literal(String host) {
    if (IPV4.matcher(host).matches()) {
      String[] parts = host.split("\\.");
      byte[] address = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(parts[i]);
        if (octet > 255) {
          return Optional.empty();
        }
        address[i] = (byte) octet;
      }
      return Optional.of(address);
    }
    if (host.indexOf(':') < 0 || !host.matches("[0-9a-f:.]+")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(host).getAddress()); // an IPv6 literal: no lookup
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String bare(String host) {
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static int parsePort(String text) {
    try {
      return text.isEmpty() ? -1 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
