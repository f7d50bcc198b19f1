package run.vendo.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One example answer from Vendo's public documentation (repository {@code runvendo/vendo-docs}),
 * kept as a fixture: the page and section it comes from, the endpoint, the status, the headers and
 * the body as the page shows it. Where a page gives a shape rather than a literal example, {@link
 * #adapted()} says how the fixture was built from it.
 *
 * <p>These are the contract both sides are tested against: a client must read every one of them,
 * and the emulator must answer with the same field names and JSON types, statuses and codes. They
 * are also here for your own tests: feed {@link #body()} to whatever reads Vendo's answers.
 *
 * @since 0.1.0
 */
public final class DocumentedAnswer {

    private static final String FOLDER = "documented/";

    private final String name;
    private final JsonObject fixture;

    private DocumentedAnswer(String name, JsonObject fixture) {
        this.name = name;
        this.fixture = fixture;
    }

    /**
     * Every documented answer, in name order.
     *
     * @return the answers; a new list on every call
     */
    public static List<DocumentedAnswer> all() {
        List<DocumentedAnswer> answers = new ArrayList<>();
        try (BufferedReader index =
                new BufferedReader(new InputStreamReader(open("index.txt"), StandardCharsets.UTF_8))) {
            for (String line = index.readLine(); line != null; line = index.readLine()) {
                if (!line.isBlank()) {
                    answers.add(named(line.strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answers;
    }

    /**
     * One documented answer by name, for example {@code "credentials-worker.token"}.
     *
     * @param name the fixture's name: its page, a dot, what it shows
     * @return the answer
     * @throws NoSuchElementException if there is none of that name
     */
    public static DocumentedAnswer named(String name) {
        try (InputStream in = open(name + ".json")) {
            return new DocumentedAnswer(name, Json.userObject(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "the fixture " + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = DocumentedAnswer.class.getResourceAsStream(FOLDER + resource);
        if (in == null) {
            throw new NoSuchElementException("No documented answer " + resource);
        }
        return in;
    }

    /** {@return the fixture's name, for example {@code "credentials-worker.error-403-binding_missing"}} */
    public String name() {
        return name;
    }

    /** {@return the docs page, for example {@code content/docs/infrastructure/credentials-worker.mdx}} */
    public String page() {
        return fixture.getString("page");
    }

    /** {@return the section of the page the example comes from} */
    public String section() {
        return fixture.getString("section");
    }

    /** {@return the endpoint as the docs write it, for example {@code GET {credentialsUrl}/{slug}}} */
    public String endpoint() {
        return fixture.getString("endpoint");
    }

    /** {@return the HTTP status of the answer} */
    public int status() {
        return fixture.getInt("status");
    }

    /** {@return the answer's {@code Content-Type}} */
    public String contentType() {
        return fixture.getString("contentType");
    }

    /**
     * {@return the answer's headers besides {@code Content-Type}, for example {@code Vendo-Error-Code};
     * unmodifiable}
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        fixture.getJsonObject("headers").forEach((k, v) -> headers.put(k, ((JsonString) v).getString()));
        return Collections.unmodifiableMap(headers);
    }

    /** {@return how the fixture was built from the page when it is not a literal example, or {@code null}} */
    public String adapted() {
        return fixture.get("adapted") instanceof JsonString s ? s.getString() : null;
    }

    /** {@return the values in the body that Vendo documents as secret (App Keys, tokens, credentials); unmodifiable} */
    public List<String> secrets() {
        return fixture.getJsonArray("secrets").getValuesAs(JsonString::getString);
    }

    /** {@return the body as it goes on the wire: compact JSON, or the text of a non-JSON answer} */
    public String body() {
        JsonValue body = fixture.get("body");
        return body instanceof JsonString text ? text.getString() : Json.text(body);
    }

    /** {@return the JSON body, or {@code null} for a non-JSON answer such as an event stream} */
    public JsonStructure json() {
        return fixture.get("body") instanceof JsonStructure structure ? structure : null;
    }

    /** {@return the name} */
    @Override
    public String toString() {
        return name;
    }
}
