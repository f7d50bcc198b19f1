package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.testing.BadIdentityCorpus;
import run.vendo.testing.VendoEmulator;

/**
 * Hardening of the deployed integration, on each server: the bad identity corpus over raw HTTP
 * (every value a 401 from the filter, or a 400 from the server's own HTTP parser; never a 5xx,
 * never the resource, never a call to the credentials worker), then isolation under load (50 users
 * x 200 requests plus the deployment, concurrent, each answer checked). One deployment: the Vendo
 * test application with verification on.
 */
@ExtendWith(ArquillianExtension.class)
class HardeningIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";
    private static final String SERVER = System.getProperty("it.server", "server");

    private static final VendoEmulator EMULATOR = VendoEmulator.start();
    /** JWTs this class minted or sent, for the secret ledger. */
    private static final List<String> JWTS = Collections.synchronizedList(new ArrayList<>());

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return VendoWars.app("hardening.war", VendoWars.emulatorSettings(EMULATOR));
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(HardeningIT.class, EMULATOR, JWTS);
        EMULATOR.close();
    }

    @ArquillianResource
    URL base;

    /** What one corpus case got back. */
    private enum Outcome { FILTER_401, PARSER_400, PARSER_CLOSED, SERVER_ERROR, OTHER }

    @Test
    void badIdentityCorpusNeverPassesTheFilter() throws Exception {
        BadIdentityCorpus corpus = BadIdentityCorpus.generate(EMULATOR, 20_261_125L);
        corpus.cases().forEach(c -> JWTS.addAll(c.values()));
        EMULATOR.autoConnect("google");
        // A valid token first: the deployment works and has fetched the key set.
        String valid = EMULATOR.mintUserJwt("hardening-check");
        JWTS.add(valid);
        assertEquals(200, send(false, List.of(valid), Map.of(), 0).status(), "a valid token is served");

        int runsBefore = resourceRuns();
        int callsBefore = EMULATOR.calls();
        Map<Outcome, AtomicInteger> outcomes = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, new AtomicInteger());
        }
        Map<String, AtomicInteger> parserStatuses = Collections.synchronizedMap(new TreeMap<>());
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger raw = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        List<BadIdentityCorpus.Case> cases = corpus.cases();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < cases.size(); i = next.getAndIncrement()) {
                        BadIdentityCorpus.Case c = cases.get(i);
                        boolean useRaw = !c.printableAscii() || (c.repeated() && i % 2 == 0);
                        if (useRaw) {
                            raw.incrementAndGet();
                        }
                        RawHttp.Answer answer = send(useRaw, c.values(), c.headers(), i);
                        Outcome outcome = classify(c, answer);
                        outcomes.get(outcome).incrementAndGet();
                        if (outcome == Outcome.PARSER_400 || outcome == Outcome.PARSER_CLOSED) {
                            parserStatuses.computeIfAbsent(
                                    answer.status() < 0 ? "closed" : String.valueOf(answer.status()),
                                    k -> new AtomicInteger()).incrementAndGet();
                        }
                        if (outcome == Outcome.SERVER_ERROR || outcome == Outcome.OTHER) {
                            wrong.add(c + (useRaw ? " (raw)" : "") + " -> " + answer.status() + " "
                                    + answer.header("Vendo-Error-Code"));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int passed = resourceRuns() - runsBefore;
        int workerCalls = EMULATOR.calls() - callsBefore;
        int serverErrors = outcomes.get(Outcome.SERVER_ERROR).get();
        int parser = outcomes.get(Outcome.PARSER_400).get() + outcomes.get(Outcome.PARSER_CLOSED).get();
        System.out.printf("%s: bad identity corpus: %d tried, %d passed, %d server errors; 401 from the filter: %d,"
                        + " refused by the server's own HTTP parser: %d %s; %d sent over a raw socket; %d calls to the"
                        + " credentials worker; %d ms%n",
                SERVER, cases.size(), passed, serverErrors, outcomes.get(Outcome.FILTER_401).get(), parser,
                parserStatuses, raw.get(), workerCalls, millis);
        assertEquals(List.of(), new ArrayList<>(wrong),
                wrong.size() + " cases not refused with a 401 (or a parser 400)");
        assertEquals(0, passed, "resource invocations for bad identities");
        assertEquals(0, serverErrors, "server errors");
        assertEquals(0, workerCalls, "calls to the credentials worker");
        assertTrue(cases.size() >= 1000);
    }

    /** 401 with the JSON error and its code from the filter; 400 or a closed connection from the server's parser. */
    private static Outcome classify(BadIdentityCorpus.Case c, RawHttp.Answer answer) {
        String code = answer.header("Vendo-Error-Code");
        if (answer.status() == 401 && code != null && code.startsWith("identity_")
                && answer.header("Content-Type") != null && answer.header("Content-Type").startsWith("application/json")
                && answer.body().replace(" ", "").startsWith("{\"error\":{\"code\":\"" + code + "\"")) {
            if (c.kind() == BadIdentityCorpus.Kind.EXPIRED && !"identity_expired".equals(code)) {
                return Outcome.OTHER;
            }
            return Outcome.FILTER_401;
        }
        if (answer.status() >= 500) {
            return Outcome.SERVER_ERROR;
        }
        if (code == null && (answer.status() == 400 || answer.status() == 413 || answer.status() == 431)) {
            return Outcome.PARSER_400;
        }
        return answer.status() < 0 ? Outcome.PARSER_CLOSED : Outcome.OTHER;
    }

    /**
     * Sends the values as {@code X-Vendo-User-JWT} lines, and the other identity headers, alternating
     * the two token resources.
     */
    private RawHttp.Answer send(boolean useRaw, List<String> values, Map<String, String> others, int i) {
        String path = (i % 2 == 0 ? "api/user" : "api/app-user") + "/token/google";
        if (useRaw) {
            List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
            for (int v = 0; v < values.size(); v++) {
                // A repeated header also under another case of its name.
                headers.add(Map.entry(v == 0 ? JWT_HEADER : JWT_HEADER.toLowerCase(java.util.Locale.ROOT),
                        BadIdentityCorpus.wireBytes(values.get(v))));
            }
            others.forEach((name, value) -> headers.add(Map.entry(name, BadIdentityCorpus.wireBytes(value))));
            return RawHttp.get(base, path, headers);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toExternalForm()).resolve(path))
                .timeout(Duration.ofSeconds(30)).GET();
        values.forEach(v -> request.header(JWT_HEADER, v));
        others.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, list) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    list.get(0)));
            return new RawHttp.Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            return new RawHttp.Answer(-1, Map.of(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void underLoadEveryUserGetsExactlyTheirOwnToken() throws Exception {
        int users = 50;
        int requestsEach = 200;
        List<String> slugs = List.of("drive", "calendar");
        Map<String, String> jwts = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (int u = 0; u < users; u++) {
            String user = "load-" + u;
            String jwt = EMULATOR.mintUserJwt(user);
            jwts.put(user, jwt);
            JWTS.add(jwt);
            for (String slug : slugs) {
                expected.put(user + "/" + slug, EMULATOR.user(user).connect(slug));
            }
        }
        for (String slug : slugs) {
            expected.put(VendoEmulator.DEPLOYMENT + "/" + slug, EMULATOR.deployment().connect(slug));
        }
        List<String> identities = new ArrayList<>(jwts.keySet());
        identities.add(VendoEmulator.DEPLOYMENT);
        List<String> plan = new ArrayList<>();
        for (String who : identities) {
            for (int r = 0; r < requestsEach; r++) {
                plan.add(who);
            }
        }
        Collections.shuffle(plan, new Random(42));

        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger mismatches = new AtomicInteger();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        int threads = 8;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
                        String who = plan.get(i);
                        String slug = slugs.get(i % slugs.size());
                        boolean deployment = VendoEmulator.DEPLOYMENT.equals(who);
                        String path = deployment ? "api/job/deployment-token/" + slug
                                : (i % 3 == 0 ? "api/app-user" : "api/user") + "/token/" + slug;
                        HttpRequest.Builder request =
                                HttpRequest.newBuilder(URI.create(base.toExternalForm()).resolve(path))
                                .timeout(Duration.ofSeconds(30)).GET();
                        if (!deployment) {
                            request.header(JWT_HEADER, jwts.get(who));
                        }
                        HttpResponse<String> response = HTTP.send(request.build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                            if (examples.size() < 10) {
                                examples.add(who + " " + path + " -> " + response.statusCode() + " "
                                        + response.headers().firstValue("Vendo-Error-Code").orElse(""));
                            }
                        } else if (!expected.get(who + "/" + slug).equals(response.body())) {
                            mismatches.incrementAndGet();
                            if (examples.size() < 10) {
                                examples.add(who + " got " + VendoAssertions.ownerOf(response.body()));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        int upstream = 0;
        List<String> notOnce = new ArrayList<>();
        for (String key : expected.keySet()) {
            String[] parts = key.split("/");
            int calls = EMULATOR.tokenCalls(parts[0], parts[1]);
            upstream += calls;
            if (calls != 1) {
                notOnce.add(key + ": " + calls);
            }
        }
        System.out.printf("%s: isolation under load: %d users + the deployment x %d requests"
                        + " = %d requests on %d threads"
                        + " in %d ms (%d req/s), %d errors, %d mismatched tokens; upstream token calls %d"
                        + " (expected %d = %d identities x %d slugs, one per token lifetime)%n",
                SERVER, users, requestsEach, plan.size(), threads, millis, plan.size() * 1000L / millis, errors.get(),
                mismatches.get(), upstream, expected.size(), identities.size(), slugs.size());
        assertEquals(List.of(), new ArrayList<>(examples), "errors or mismatches");
        assertEquals(0, errors.get());
        assertEquals(0, mismatches.get());
        assertEquals(List.of(), notOnce, "upstream token calls per identity and slug");
    }

    private int resourceRuns() {
        return Integer.parseInt(Http.getOk(base, "api/runs").trim());
    }
}
