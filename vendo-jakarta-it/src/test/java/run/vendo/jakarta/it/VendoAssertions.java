package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;

/**
 * Assertions on the application's answers. Failure messages never print a JWT, an API key or a
 * provider token: a 200 body (a token) is replaced by its length; error bodies are printed (the
 * library scrubs them).
 */
final class VendoAssertions {

    private VendoAssertions() {
    }

    /** The response is a Vendo error: status, {@code Vendo-Error-Code} header, JSON body with the code. */
    static void assertVendoError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), () -> "status of " + describe(response));
        assertEquals(code, response.headers().firstValue("Vendo-Error-Code").orElse(null),
                () -> "Vendo-Error-Code of " + describe(response));
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("application/json"), () -> "Content-Type of " + describe(response));
        String body = response.body().replace(" ", "");
        assertTrue(body.startsWith("{\"error\":{") && body.contains("\"code\":\"" + code + "\""),
                () -> "JSON error body of " + describe(response));
    }

    /**
     * How the server refuses an anonymous caller where a role is required: Payara challenges (401),
     * WildFly's RESTEasy forbids (403).
     */
    static int anonymousRefusalStatus() {
        return ItServer.isPayara() ? 401 : 403;
    }

    /** The response is 200 with exactly this body. */
    static void assertOk(String expected, HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), () -> describe(response));
        assertEquals(expected, response.body());
    }

    /** The response is 200 with exactly this token; {@code whose} names the owner in a failure message. */
    static void assertToken(String expected, HttpResponse<String> response, String whose) {
        if (response.statusCode() != 200) {
            fail("expected " + whose + " with 200, got " + describe(response));
        }
        if (!expected.equals(response.body())) {
            fail("expected " + whose + ", got another token (" + ownerOf(response.body()) + ")");
        }
    }

    /** Emulator tokens read {@code <slug>-<identity>-<random>}: the part before the random one. */
    static String ownerOf(String token) {
        int last = token.lastIndexOf('-');
        return last > 0 ? token.substring(0, last) + "-<redacted>" : "<redacted, " + token.length() + " chars>";
    }

    static String describe(HttpResponse<String> response) {
        String body = response.statusCode() == 200
                ? "<body redacted, " + response.body().length() + " chars>"
                : response.body();
        return response.request().method() + " " + response.uri().getPath() + " -> " + response.statusCode()
                + " " + response.headers().map() + " " + body;
    }
}
