package run.vendo.testing;

import jakarta.json.JsonObject;

/**
 * One answer of an endpoint, before it is sent.
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param errorCode the {@code Vendo-Error-Code} header, or null for none
 */
record Reply(int status, JsonObject body, String errorCode) {

    static Reply ok(JsonObject body) {
        return new Reply(200, body, null);
    }

    /** A dashboard-style error: {@code {"message": ...}}, no code. */
    static Reply message(int status, String message) {
        return new Reply(status, Json.object().add("message", message).build(), null);
    }

    /** A Vendo error: {@code {"error": {"code", "message"}}} and the {@code Vendo-Error-Code} header. */
    static Reply vendoError(int status, String code, String message) {
        return new Reply(status, Json.object()
                .add("error", Json.object().add("code", code).add("message", message))
                .build(), code);
    }
}
