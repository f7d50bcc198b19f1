package run.vendo.jakarta.internal.http;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import run.vendo.VendoHeaders;

/**
 * The response to a request that carried a Vendo identity: marked {@code Cache-Control: private,
 * no-store} and {@code Vary} on the identity headers, so that no shared cache hands one user's
 * answer (often holding a token) to another user at the same URL.
 *
 * <p>The application keeps the last word: the first {@code Cache-Control} it sets or adds replaces
 * ours. A {@code Vary} it sets is added to ours rather than replacing it.
 */
public final class PrivateResponse extends HttpServletResponseWrapper {

    /** The {@code Cache-Control} of a response to an identified request. */
    public static final String CACHE_CONTROL = "private, no-store";
    /** The request headers a response to an identified request varies on. */
    public static final String VARY = VendoHeaders.USER_JWT + ", " + VendoHeaders.USER_ID;

    private static final String CACHE_CONTROL_HEADER = "Cache-Control";
    private static final String VARY_HEADER = "Vary";

    private boolean applicationCacheControl;

    private PrivateResponse(HttpServletResponse response) {
        super(response);
        markPrivate();
    }

    /**
     * Marks a response private and wraps it so that the application can still set its own policy.
     *
     * @param response the container's response
     * @return the response to pass down the chain
     */
    public static HttpServletResponse of(HttpServletResponse response) {
        return new PrivateResponse(response);
    }

    private void markPrivate() {
        super.setHeader(CACHE_CONTROL_HEADER, CACHE_CONTROL);
        super.addHeader(VARY_HEADER, VARY);
        applicationCacheControl = false;
    }

    @Override
    public void setHeader(String name, String value) {
        if (CACHE_CONTROL_HEADER.equalsIgnoreCase(name)) {
            applicationCacheControl = true;
            super.setHeader(name, value);
        } else if (VARY_HEADER.equalsIgnoreCase(name) && value != null) {
            super.addHeader(name, value);
        } else {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (CACHE_CONTROL_HEADER.equalsIgnoreCase(name) && !applicationCacheControl) {
            applicationCacheControl = true;
            super.setHeader(name, value);
        } else {
            super.addHeader(name, value);
        }
    }

    @Override
    public void reset() {
        super.reset();
        markPrivate();
    }
}
