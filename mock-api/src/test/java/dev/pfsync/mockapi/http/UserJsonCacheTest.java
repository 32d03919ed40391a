package dev.pfsync.mockapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.mockapi.data.Dataset;
import dev.pfsync.mockapi.data.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserJsonCacheTest {
  private static final Dataset DATA = Dataset.generate(7, 2_000, 100, 10, 1_790_000_000L);

  private static byte[] rendered(User u) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var g = RowJson.FACTORY.createGenerator(out)) {
      new RowJson(DATA.pools()).user(g, u);
    }
    return out.toByteArray();
  }

  @Test
  void cached_json_is_what_the_generator_writes_for_every_user_including_tombstones()
      throws IOException {
    UserJsonCache cache = new UserJsonCache(DATA.pools(), DATA.users().size());
    List<User> users = new ArrayList<>(DATA.users().byKey());
    User u0 = users.get(0);
    users.add(
        new User(
            u0.id(),
            u0.serial(),
            u0.first(),
            u0.last(),
            u0.domain(),
            u0.street(),
            u0.city(),
            u0.company(),
            u0.job(),
            u0.createdAt(),
            u0.updatedAt() + 5,
            u0.updatedAt() + 5));
    assertThat(users.get(users.size() - 1).deleted()).isTrue();
    for (User u : users) {
      assertThat(cache.json(u)).isEqualTo(rendered(u));
      assertThat(cache.json(u))
          .as("second lookup is served from the cache")
          .isSameAs(cache.json(u));
    }
    assertThat(cache.size()).isEqualTo(users.size());
  }

  @Test
  void a_cache_at_its_bound_starts_over_instead_of_growing() throws IOException {
    // A heap of 450 kB allows 250 entries of ~450 bytes under the quarter-of-heap rule.
    UserJsonCache cache = new UserJsonCache(DATA.pools(), DATA.users().size(), 450_000);
    List<User> users = DATA.users().byKey();
    for (User u : users) {
      assertThat(cache.json(u)).isEqualTo(rendered(u));
      assertThat(cache.size()).isLessThanOrEqualTo(250);
    }
  }
}
