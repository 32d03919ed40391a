package dev.pfsync.connector.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.TableBinding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The truth endpoint's NDJSON, one canonical row per line. */
final class TruthRows implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedReader in;
  private final TableBinding binding;
  private final URI url;

  private TruthRows(BufferedReader in, TableBinding binding, URI url) {
    this.in = in;
    this.binding = binding;
    this.url = url;
  }

  static TruthRows open(URI url, TableBinding binding) {
    try {
      HttpResponse<InputStream> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url).GET().build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        throw new IllegalStateException("GET " + url + " answered HTTP " + response.statusCode());
      }
      return new TruthRows(
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)),
          binding,
          url);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + url, e);
    }
  }

  CanonicalRow next() {
    try {
      String line;
      do {
        line = in.readLine();
        if (line == null) {
          return null;
        }
      } while (line.isBlank());
      JsonNode node = JSON.readTree(line);
      List<String> values = new ArrayList<>();
      for (Column c : binding.schema().columns()) {
        values.add(canonical(c.type(), node.get(c.name())));
      }
      values.add(Boolean.toString(binding.deletedField().map(node::hasNonNull).orElse(false)));
      return new CanonicalRow(node.get(binding.keyField()).asText(), String.join("|", values));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + url, e);
    }
  }

  private static String canonical(ColumnType type, JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    if (type == ColumnType.UTC_DATETIME) {
      return v.isNumber()
          ? Instant.ofEpochMilli(v.asLong()).toString()
          : Instant.parse(v.asText()).toString();
    }
    return v.asText();
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // The comparison is over; nothing to recover.
    }
  }
}
