// A users API that is not ours, for reliability/hazards.sh (the standalone twin of it-tests'
// dev.pfsync.it.support.StubUsersApi). It serves records given as raw JSON text, keyset-paged as
// mock-api's GET /v1/users (updated_since, after_id, updated_before, limit; body {"data": [...],
// "has_more": bool, "next": {"updated_since": .., "after_id": ..} | null}; a Date header), so a
// script can send what mock-api never would: drifted formats, poison values, colliding names.
//
//   java reliability/StubUsersApi.java <records-file> [--ignore-limit]
//
// The records file holds one record a line: updatedAt<TAB>id<TAB>json. updatedAt (ISO instant) and
// id place the record in the (updatedAt, id) order, whatever its JSON says; the id may hold any
// character but tab and newline (a real NUL, say, while the JSON carries the escape \u0000). The
// file is read again whenever it changes, so records can be added while the stub runs.
// --ignore-limit: every page holds every row from its start (as a broken API would).
// Prints "stub listening on http://127.0.0.1:PORT" once it accepts connections; JDK classes only.

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

public class StubUsersApi {
  record Item(Instant updatedAt, String id, String json) {}

  static Path file;
  static boolean ignoreLimit;
  static List<Item> items = List.of(); // sorted by (updatedAt, id)
  static FileTime readAt;
  static long readSize = -1;
  static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  public static void main(String[] args) throws IOException {
    if (args.length < 1
        || args.length > 2
        || (args.length == 2 && !args[1].equals("--ignore-limit"))) {
      System.err.println("usage: java StubUsersApi.java <records-file> [--ignore-limit]");
      System.exit(2);
    }
    file = Path.of(args[0]);
    ignoreLimit = args.length == 2;
    records();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/v1/users", StubUsersApi::users);
    server.start();
    System.out.println("stub listening on http://127.0.0.1:" + server.getAddress().getPort());
    System.out.flush();
  }

  /** The records, read again if the file changed since. */
  static synchronized List<Item> records() throws IOException {
    FileTime modified = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    if (!modified.equals(readAt) || size != readSize) {
      List<Item> read = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isEmpty()) {
          String[] f = line.split("\t", 3);
          read.add(new Item(Instant.parse(f[0]), f[1], f[2]));
        }
      }
      read.sort(Comparator.comparing(Item::updatedAt).thenComparing(Item::id));
      items = read;
      readAt = modified;
      readSize = size;
    }
    return items;
  }

  static void users(HttpExchange ex) throws IOException {
    try {
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      Instant since = Instant.parse(q.get("updated_since"));
      String after = q.get("after_id");
      Instant before =
          q.containsKey("updated_before") ? Instant.parse(q.get("updated_before")) : null;
      int limit = Integer.parseInt(q.getOrDefault("limit", "1000"));
      List<Item> page = new ArrayList<>();
      boolean more = false;
      for (Item i : records()) {
        int c = i.updatedAt().compareTo(since);
        if (c < 0 || (after != null && c == 0 && i.id().compareTo(after) <= 0)) {
          continue;
        }
        if (before != null && !i.updatedAt().isBefore(before)) {
          break;
        }
        if (page.size() == limit && !ignoreLimit) {
          more = true;
          break;
        }
        page.add(i);
      }
      StringBuilder body = new StringBuilder("{\"data\":[");
      for (int k = 0; k < page.size(); k++) {
        body.append(k == 0 ? "" : ",").append(page.get(k).json());
      }
      body.append("],\"has_more\":").append(more).append(",\"next\":");
      if (page.isEmpty()) {
        body.append("null}");
      } else {
        Item last = page.get(page.size() - 1);
        body.append("{\"updated_since\":\"")
            .append(last.updatedAt())
            .append("\",\"after_id\":\"")
            .append(jsonEscape(last.id()))
            .append("\"}}");
      }
      send(ex, 200, body.toString());
    } catch (RuntimeException e) { // a missing or unparsable parameter
      send(ex, 400, "{\"error\":\"" + jsonEscape(String.valueOf(e.getMessage())) + "\"}");
    }
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("Date", IMF_FIXDATE.format(Instant.now().atOffset(ZoneOffset.UTC)));
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
