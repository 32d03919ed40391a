package dev.pfsync.mockapi.http;

import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** Sends a rendered body, spoiled as the fault injector decided. */
final class Responses {
  static final String JSON = "application/json";
  static final String SPOIL_ATTRIBUTE = "pfsync.spoil";

  private Responses() {}

  /** Writes a body to a stream. */
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Sends a body as it is written (chunked): the client can start on the first rows of a page while
   * the rest is rendered. A response the fault injector spoils is rendered whole first.
   */
  static void stream(Context ctx, Body body, String contentType) throws IOException {
    FaultInjector.Spoil spoil = ctx.attribute(SPOIL_ATTRIBUTE);
    if (spoil != null && spoil != FaultInjector.Spoil.NONE) {
      Bytes whole = new Bytes(1 << 16);
      body.writeTo(whole);
      send(ctx, whole, contentType);
      return;
    }
    HttpServletResponse res = ctx.res();
    res.setStatus(200);
    res.setContentType(contentType);
    body.writeTo(res.getOutputStream());
  }

  static void send(Context ctx, Bytes body, String contentType) throws IOException {
    FaultInjector.Spoil spoil = ctx.attribute(SPOIL_ATTRIBUTE);
    HttpServletResponse res = ctx.res();
    res.setStatus(200);
    res.setContentType(contentType);
    byte[] bytes = body.array();
    int length = body.length();
    if (spoil == FaultInjector.Spoil.MALFORMED) {
      // A 200 whose JSON stops half way and ends in garbage: never parseable.
      byte[] tail = "\u0000<html>oops".getBytes(StandardCharsets.UTF_8);
      bytes = Arrays.copyOf(bytes, length / 2 + tail.length);
      System.arraycopy(tail, 0, bytes, length / 2, tail.length);
      length = bytes.length;
    }
    res.setContentLengthLong(length);
    ServletOutputStream out = res.getOutputStream();
    if (spoil == FaultInjector.Spoil.RESET) {
      // Promise the whole body, send half, then drop the connection.
      out.write(bytes, 0, length / 2);
      out.flush();
      ServletContextRequest.getServletContextRequest(ctx.req())
          .getConnectionMetaData()
          .getConnection()
          .getEndPoint()
          .close();
      return;
    }
    out.write(bytes, 0, length);
  }
}
