package dev.pfsync.mockapi.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/** Runs before every {@code /v1} request: bearer-token check, then injected faults. */
final class Guard {
  private final Optional<byte[]> expected;
  private final FaultInjector faults;

  Guard(Optional<String> token, FaultInjector faults) {
    this.expected = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    this.faults = faults;
  }

  void handle(Context ctx) throws InterruptedException {
    if (expected.isPresent()) {
      String header = ctx.header("Authorization");
      byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(expected.get(), given)) {
        throw new ApiException(
            401,
            header == null ? "missing bearer token" : "invalid bearer token",
            Optional.empty(),
            Map.of("WWW-Authenticate", "Bearer"));
      }
    }
    ctx.attribute(Responses.SPOIL_ATTRIBUTE, faults.decide());
  }
}
