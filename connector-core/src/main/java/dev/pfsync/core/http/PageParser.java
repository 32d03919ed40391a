package dev.pfsync.core.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.Page;
import dev.pfsync.core.PageEnd;
import dev.pfsync.core.PageInterruptedException;
import dev.pfsync.core.PageStream;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.QueryParams;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a page body held in memory, record by record: {@code {"data": [...], "has_more": bool,
 * "next": {...}}}. A body that is not such an object is a {@link ProtocolViolationException}; a bad
 * record inside {@code data} is rejected (kept with its text, logged and counted), not the page.
 */
final class PageParser {
  private static final Logger log = LoggerFactory.getLogger(PageParser.class);
  private static final int BODY_EXCERPT = 200;

  private final JsonFactory factory;
  private final Values values;
  private final Redactor redactor;

  PageParser(Redactor redactor) {
    this.factory = jsonFactory();
    this.values = new Values(factory);
    this.redactor = redactor;
  }

  /**
   * The JSON reader of pages: lenient about raw control characters inside strings (their meaning is
   * plain), and with no limit of its own on the length of a number (the body's size bound is the
   * limit), so that a number too long to store rejects its record instead of failing the page.
   */
  static JsonFactory jsonFactory() {
    return JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
        .streamReadConstraints(
            StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
        .build();
  }

  /** Parses the whole page. */
  Page parse(TableBinding table, PageUrl url, byte[] body, Optional<Instant> serverTime) {
    PageStream page = open(table, url, body, serverTime);
    List<Row> rows = new ArrayList<>();
    for (Row row = page.next(); row != null; row = page.next()) {
      rows.add(row);
    }
    PageEnd end = page.end();
    return new Page(rows, end.hasMore(), end.next(), end.rejected(), end.serverTime());
  }

  /**
   * Opens a page held in memory to be parsed as it is read: what precedes {@code data} is parsed
   * now, each record on {@link PageStream#next()}, what follows once the last record has been read.
   *
   * @param serverTime the API's clock when it answered (its Date header), if it said
   */
  PageStream open(TableBinding table, PageUrl url, byte[] body, Optional<Instant> serverTime) {
    return new Reader(
        table,
        url,
        () -> factory.createParser(body),
        RawRecords.of(body),
        () -> body,
        serverTime,
        () -> {});
  }

  /**
   * Opens a page arriving on {@code in}, parsed as it arrives. A failure to read {@code in} (the
   * connection lost mid-body) is a {@link PageInterruptedException}; {@code release} runs once the
   * page has been read to its end, or when it is closed before.
   */
  PageStream open(
      TableBinding table,
      PageUrl url,
      BodyCapture in,
      Optional<Instant> serverTime,
      Runnable release) {
    return new Reader(
        table, url, () -> factory.createParser(in), in, in::head, serverTime, release);
  }

  /** The parse of one page body, record by record. */
  private final class Reader implements PageStream {
    private final TableBinding table;
    private final PageUrl url;
    private final Supplier<byte[]> body;
    private final Runnable release;
    private final RecordParser records;
    private final Optional<Instant> serverTime;
    private final List<RejectedRecord> rejected = new ArrayList<>();
    private boolean released;
    private JsonParser p;
    private boolean inData;
    private boolean dataSeen;
    private Boolean hasMore;
    private Optional<Keyset> next = Optional.empty();
    private long rows;
    private PageEnd end;

    Reader(
        TableBinding table,
        PageUrl url,
        Step<JsonParser> parser,
        RawRecords raw,
        Supplier<byte[]> body,
        Optional<Instant> serverTime,
        Runnable release) {
      this.table = table;
      this.url = url;
      this.body = body;
      this.serverTime = serverTime;
      this.release = release;
      this.records = new RecordParser(table, values, raw);
      parsing(
          () -> {
            p = parser.run();
            if (p.nextToken() != JsonToken.START_OBJECT) {
              throw violation(table, url, body, "the body is not a JSON object", null);
            }
            fields();
            return null;
          });
    }

    @Override
    public Row next() {
      return parsing(
          () -> {
            while (inData) {
              if (p.nextToken() == JsonToken.END_ARRAY) {
                inData = false;
                fields();
                break;
              }
              RecordParser.Parsed parsed = records.read(p);
              if (parsed instanceof RecordParser.Good good) {
                rows++;
                return good.row();
              }
              RejectedRecord bad = ((RecordParser.Rejected) parsed).record();
              rejected.add(bad);
              log.warn(
                  "rejected a record in GET {}: {}",
                  url.pathAndQuery(),
                  redactor.apply(bad.describe()));
            }
            return null;
          });
    }

    @Override
    public void close() {
      if (end != null) {
        return;
      }
      released(); // first: the source drops the connection rather than read the rest
      if (p != null) {
        try {
          p.close();
        } catch (IOException e) {
          // nothing more will be read from it
        }
      }
      released();
    }

    private void released() {
      if (!released) {
        released = true;
        release.run();
      }
    }

    @Override
    public PageEnd end() {
      if (end == null) {
        throw new IllegalStateException("end() before the last record was read");
      }
      return end;
    }

    /** Reads fields up to the start of the data array's records, or to the end of the page. */
    private void fields() throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "data" -> {
            if (t != JsonToken.START_ARRAY) {
              throw violation(table, url, body, "data is not an array", null);
            }
            if (dataSeen) {
              throw violation(table, url, body, "data appears twice", null);
            }
            dataSeen = true;
            inData = true;
            return;
          }
          case "has_more" -> {
            if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
              throw violation(table, url, body, "has_more is not a boolean", null);
            }
            hasMore = t == JsonToken.VALUE_TRUE;
          }
          case "next" -> next = PageParser.this.next(p, t, table, url, body);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw violation(table, url, body, "unexpected content after the JSON object", null);
      }
      p.close();
      released();
      if (!dataSeen) {
        throw violation(table, url, body, "the data array is missing", null);
      }
      if (hasMore == null) {
        throw violation(table, url, body, "has_more is missing", null);
      }
      if (hasMore && rows == 0 && rejected.isEmpty()) {
        throw violation(table, url, body, "has_more is true but the page is empty", null);
      }
      end = new PageEnd(hasMore, next, rejected, serverTime);
    }

    private <T> T parsing(Step<T> step) {
      try {
        return step.run();
      } catch (JsonProcessingException e) {
        String at = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
        throw violation(table, url, body, "invalid JSON" + at + ": " + e.getOriginalMessage(), e);
      } catch (IOException e) {
        // Not about the JSON: reading the body itself failed (the connection, mid-body).
        throw new PageInterruptedException(
            "table "
                + table.table()
                + ": reading the body of GET "
                + url.pathAndQuery()
                + " failed: "
                + redactor.apply(e.getClass().getSimpleName() + ": " + e.getMessage()),
            e);
      }
    }
  }

  private interface Step<T> {
    T run() throws IOException;
  }

  private Optional<Keyset> next(
      JsonParser p, JsonToken t, TableBinding table, PageUrl url, Supplier<byte[]> body)
      throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return Optional.empty();
    }
    if (t != JsonToken.START_OBJECT) {
      throw violation(table, url, body, "next is neither an object nor null", null);
    }
    QueryParams names = table.params();
    Instant since = null;
    Optional<String> after = Optional.empty();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals(names.since())) {
        since = cursor(p, v, table, url, body);
      } else if (field.equals(names.after())) {
        if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) {
          after = Optional.of(p.getText());
        } else if (v != JsonToken.VALUE_NULL) {
          throw violation(table, url, body, "next." + field + " is not a string or integer", null);
        }
      } else {
        p.skipChildren();
      }
    }
    if (since == null) {
      throw violation(table, url, body, "next lacks " + names.since(), null);
    }
    return Optional.of(new Keyset(since, after));
  }

  private Instant cursor(
      JsonParser p, JsonToken v, TableBinding table, PageUrl url, Supplier<byte[]> body)
      throws IOException {
    String field = "next." + table.params().since();
    try {
      switch (table.cursorFormat()) {
        case ISO_INSTANT:
          if (v == JsonToken.VALUE_STRING) {
            return Values.parseInstant(p.getText());
          }
          break;
        case EPOCH_MILLIS:
          if ((v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_STRING)
              && Values.isDigits(p.getText())) {
            return Instant.ofEpochMilli(Long.parseLong(p.getText()));
          }
          break;
        default:
          throw new IllegalStateException("unhandled cursor format " + table.cursorFormat());
      }
    } catch (DateTimeException | NumberFormatException e) {
      // fall through to the violation below
    }
    p.skipChildren();
    throw violation(
        table, url, body, field + " is not a valid " + table.cursorFormat() + " cursor", null);
  }

  private ProtocolViolationException violation(
      TableBinding table, PageUrl url, Supplier<byte[]> body, String what, Throwable cause) {
    String message =
        "table "
            + table.table()
            + ": the API broke the page protocol in GET "
            + url.pathAndQuery()
            + ": "
            + what
            + "; body starts with: "
            + excerpt(body.get(), redactor);
    return new ProtocolViolationException(message, cause);
  }

  /** At most {@value #BODY_EXCERPT} characters of the body, on one line, token scrubbed. */
  static String excerpt(byte[] body, Redactor redactor) {
    if (body.length == 0) {
      return "(empty body)";
    }
    // Scrub before cutting, so no prefix of the token survives at the cut.
    int len = Math.min(body.length, 64 * 1024);
    String s = redactor.apply(new String(body, 0, len, StandardCharsets.UTF_8));
    boolean cut = s.length() > BODY_EXCERPT || len < body.length;
    if (s.length() > BODY_EXCERPT) {
      s = s.substring(0, BODY_EXCERPT);
    }
    return s.replaceAll("\\s+", " ") + (cut ? "..." : "");
  }
}
