package run.vendo.internal.http;

import java.io.IOException;

/** A response body over the size any Vendo answer needs; never retried. */
public final class ResponseTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(long limit) {
        super("Vendo's response body is larger than " + limit + " bytes");
    }
}
