package dev.pfsync.mockapi.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.datafaker.Faker;

/**
 * Realistic values made by Datafaker; users are combinations of pool indices, so serving a row
 * never runs Faker. The pools ship as a resource ({@code pools.txt}) written by {@link #main} with
 * a fixed Faker seed: Datafaker's first use parses all its YAML (2-3 s of CPU), too slow for a
 * server that must be ready in well under 5 s. {@code ValuePoolsTest} checks the resource is
 * exactly what Datafaker generates.
 */
public final class ValuePools {
  /** The Faker seed of the shipped pools. */
  static final long POOL_SEED = 20_261_120L;

  static final String RESOURCE = "pools.txt";

  // Pool sizes; a user is drawn as indices into these.
  static final int FIRST_NAMES = 512;
  static final int LAST_NAMES = 400;
  static final int DOMAINS = 48;
  static final int STREETS = 2_048;
  static final int CITIES = 512;
  static final int COMPANIES = 1_024;
  static final int JOBS = 256;

  private static final List<String> SECTIONS =
      List.of("first_names", "last_names", "domains", "streets", "cities", "companies", "jobs");

  private static volatile ValuePools shipped;

  private final Map<String, List<String>> pools;
  private final List<String> firstNames;
  private final List<String> lastNames;
  private final List<String> firstLocal;
  private final List<String> lastLocal;
  private final List<String> domains;
  private final List<String> streets;
  private final List<String> cities;
  private final List<String> companies;
  private final List<String> jobs;

  private ValuePools(Map<String, List<String>> pools) {
    this.pools = pools;
    firstNames = sized(pools, "first_names", FIRST_NAMES);
    lastNames = sized(pools, "last_names", LAST_NAMES);
    domains = sized(pools, "domains", DOMAINS);
    streets = sized(pools, "streets", STREETS);
    cities = sized(pools, "cities", CITIES);
    companies = sized(pools, "companies", COMPANIES);
    jobs = sized(pools, "jobs", JOBS);
    firstLocal = firstNames.stream().map(ValuePools::emailPart).toList();
    lastLocal = lastNames.stream().map(ValuePools::emailPart).toList();
  }

  private static List<String> sized(Map<String, List<String>> pools, String name, int size) {
    List<String> values = pools.get(name);
    if (values == null || values.size() != size) {
      throw new IllegalStateException(
          "pool "
              + name
              + " must hold "
              + size
              + " values, has "
              + (values == null ? 0 : values.size()));
    }
    return values;
  }

  /** The shipped pools, loaded once per JVM (a few milliseconds). */
  public static ValuePools shipped() {
    ValuePools p = shipped;
    if (p == null) {
      synchronized (ValuePools.class) {
        if (shipped == null) {
          shipped = load();
        }
        p = shipped;
      }
    }
    return p;
  }

  private static ValuePools load() {
    Map<String, List<String>> pools = new LinkedHashMap<>();
    try (InputStream in = ValuePools.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> current = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("[") && line.endsWith("]")) {
          current = new ArrayList<>();
          pools.put(line.substring(1, line.length() - 1), current);
        } else if (!line.isEmpty() && current != null) {
          current.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new ValuePools(pools);
  }

  /** Generates the pools with Datafaker (seconds: it parses all its YAML on first use). */
  static ValuePools generate(long fakerSeed) {
    Faker f = new Faker(Locale.US, new Random(fakerSeed));
    Map<String, List<String>> pools = new LinkedHashMap<>();
    pools.put("first_names", distinct(FIRST_NAMES, () -> f.name().firstName()));
    pools.put("last_names", distinct(LAST_NAMES, () -> f.name().lastName()));
    pools.put("domains", domains(f));
    pools.put("streets", distinct(STREETS, () -> f.address().streetAddress()));
    pools.put(
        "cities",
        distinct(
            CITIES,
            () ->
                f.address().city() + ", " + f.address().stateAbbr() + " " + f.address().zipCode()));
    pools.put("companies", distinct(COMPANIES, () -> f.company().name()));
    pools.put("jobs", distinct(JOBS, () -> f.job().title()));
    return new ValuePools(pools);
  }

  /** Writes the pools in the resource format. */
  void write(Writer out) throws IOException {
    for (String section : SECTIONS) {
      out.write("[" + section + "]\n");
      for (String v : pools.get(section)) {
        out.write(v + "\n");
      }
    }
  }

  /**
   * Regenerates the shipped resource: {@code java -cp mock-api.jar
   * dev.pfsync.mockapi.data.ValuePools > pools.txt}.
   */
  public static void main(String[] args) throws IOException {
    Writer out = new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    generate(POOL_SEED).write(out);
    out.flush();
  }

  Map<String, List<String>> asMap() {
    return pools;
  }

  private static List<String> domains(Faker f) {
    Set<String> out =
        new LinkedHashSet<>(
            List.of("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"));
    for (int i = 0; out.size() < DOMAINS; i++) {
      out.add(i < 50 * DOMAINS ? f.internet().domainName() : "mail" + i + ".example.com");
    }
    return List.copyOf(out);
  }

  /**
   * Exactly {@code size} distinct values in first-seen order; should Datafaker run short of
   * distinct values, numbered variants fill the rest.
   */
  private static List<String> distinct(int size, Supplier<String> supplier) {
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; seen.size() < size && i < 50 * size; i++) {
      String v = supplier.get().trim().replace('\n', ' ');
      if (!v.isEmpty() && !(v.startsWith("[") && v.endsWith("]"))) {
        seen.add(v);
      }
    }
    List<String> base = new ArrayList<>(seen);
    for (int i = 0; seen.size() < size; i++) {
      seen.add(base.get(i % base.size()) + " " + (2 + i / base.size()));
    }
    return List.copyOf(seen);
  }

  /** Lowercase ASCII letters only, so an email's local part is plain and parseable. */
  static String emailPart(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        sb.append(c);
      }
    }
    return sb.length() == 0 ? "user" : sb.toString();
  }

  public int firstNames() {
    return firstNames.size();
  }

  public int lastNames() {
    return lastNames.size();
  }

  public int domains() {
    return domains.size();
  }

  public int streets() {
    return streets.size();
  }

  public int cities() {
    return cities.size();
  }

  public int companies() {
    return companies.size();
  }

  public int jobs() {
    return jobs.size();
  }

  // The parts the text fields are composed of, by pool index: for renderers that precompute them.

  public String firstName(int i) {
    return firstNames.get(i);
  }

  public String lastName(int i) {
    return lastNames.get(i);
  }

  /** The first name as it appears in an email's local part. */
  public String firstLocal(int i) {
    return firstLocal.get(i);
  }

  /** The last name as it appears in an email's local part. */
  public String lastLocal(int i) {
    return lastLocal.get(i);
  }

  public String domain(int i) {
    return domains.get(i);
  }

  public String street(int i) {
    return streets.get(i);
  }

  public String city(int i) {
    return cities.get(i);
  }

  public String company(int i) {
    return companies.get(i);
  }

  public String job(int i) {
    return jobs.get(i);
  }

  public String name(User u) {
    return firstNames.get(u.first()) + " " + lastNames.get(u.last());
  }

  /**
   * {@code first.last<serial>@domain}: matches the name, and unique because the serial is and the
   * local parts are letters only.
   */
  public String email(User u) {
    return firstLocal.get(u.first())
        + '.'
        + lastLocal.get(u.last())
        + u.serial()
        + '@'
        + domains.get(u.domain());
  }

  public String address(User u) {
    return streets.get(u.street()) + ", " + cities.get(u.city());
  }

  public String company(User u) {
    return companies.get(u.company());
  }

  public String job(User u) {
    return jobs.get(u.job());
  }
}
