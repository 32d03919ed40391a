package dev.pfsync.mockapi.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pfsync.mockapi.data.Dataset;
import dev.pfsync.mockapi.data.ServerClock;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the endpoints and the error mapping into a Javalin configuration. */
public final class Routes {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

  private Routes() {}

  /**
   * Installs {@code /v1/*} (behind the token, if any, and the fault injector) and, if {@code
   * admin}, {@code /admin/*}. Every error answers JSON {@code {"error": ..., "param": ...}}; every
   * response carries the server clock's {@code Date}.
   */
  public static void install(
      JavalinConfig cfg, Dataset data, ServerClock clock, Optional<String> token, boolean admin) {
    DateHeader.install(cfg, clock);
    FaultInjector faults = new FaultInjector(data.seed());
    Guard guard = new Guard(token, faults);
    cfg.routes.before("/v1/*", guard::handle);
    cfg.routes.get("/v1/users", new UsersEndpoint(data)::handle);
    cfg.routes.get("/v1/orders", new OrdersEndpoint(data)::handle);
    if (admin) {
      AdminEndpoints a = new AdminEndpoints(data, clock, faults);
      cfg.routes.post("/admin/mutations", a::mutations);
      cfg.routes.post("/admin/clock", a::setClock);
      cfg.routes.get("/admin/clock", a::getClock);
      cfg.routes.put("/admin/faults", a::putFaults);
      cfg.routes.get("/admin/faults", a::getFaults);
      cfg.routes.get("/admin/truth", a::truth);
    }
    cfg.routes.exception(ApiException.class, Routes::apiError);
    cfg.routes.exception(
        HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), message(e)));
    cfg.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("bug: unhandled exception on {} {}", ctx.method(), ctx.path(), e);
          error(ctx, 500, "internal error (a bug in mock-api): " + e);
        });
    cfg.routes.error(
        404,
        ctx -> {
          if (!Responses.JSON.equals(ctx.res().getContentType())) {
            error(ctx, 404, "no such path: " + ctx.method() + " " + ctx.path());
          }
        });
  }

  private static String message(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 404 -> "no such path";
      case 405 -> "method not allowed";
      default -> String.valueOf(e.getMessage());
    };
  }

  private static void apiError(ApiException e, Context ctx) {
    e.headers().forEach(ctx::header);
    error(ctx, e.status(), e.getMessage(), e.param());
  }

  static void error(Context ctx, int status, String message) {
    error(ctx, status, message, Optional.empty());
  }

  private static void error(Context ctx, int status, String message, Optional<String> param) {
    Bytes out = new Bytes(128);
    try (JsonGenerator g = RowJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("error", message);
      if (param.isPresent()) {
        g.writeStringField("param", param.get());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ctx.status(status).contentType(Responses.JSON).result(out.toByteArray());
  }
}
