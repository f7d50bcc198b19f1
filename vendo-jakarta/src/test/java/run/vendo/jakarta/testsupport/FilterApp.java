package run.vendo.jakarta.testsupport;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import run.vendo.Vendo;
import run.vendo.errors.VendoError;
import run.vendo.jakarta.VendoIdentityFilter;
import run.vendo.jakarta.VendoUser;
import run.vendo.jakarta.VendoUserContext;

/**
 * A real servlet container (Jetty 12, EE 10) on loopback running the real filter, with CDI from a
 * {@link TestContainer}: a request context per request, and the filter injected the way Jakarta EE
 * containers inject servlet components ({@link Unmanaged}). The servlet behind it reports what it
 * sees.
 */
public final class FilterApp implements AutoCloseable {

    private final TestContainer cdi;
    private final Server server;
    private final AtomicInteger servletCalls = new AtomicInteger();
    private final Unmanaged.UnmanagedInstance<VendoIdentityFilter> filter;

    public FilterApp(Map<String, String> properties, Map<String, String> contextParams) throws Exception {
        this.cdi = TestContainer.start(properties);
        this.filter = new Unmanaged<>(cdi.weld().getBeanManager(), VendoIdentityFilter.class)
                .newInstance().produce().inject().postConstruct();
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        contextParams.forEach(context::setInitParameter);
        context.addFilter(new FilterHolder(new RequestScope()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(filter.get()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WhoAmI()), "/*");
        server.setHandler(context);
        server.start();
    }

    public URI uri(String path) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public int servletCalls() {
        return servletCalls.get();
    }

    public TestContainer cdi() {
        return cdi;
    }

    public VendoIdentityFilter filter() {
        return filter.get();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            filter.preDestroy().dispose();
            cdi.close();
        }
    }

    /** Activates a CDI request context around each request, as a Jakarta EE server does. */
    private final class RequestScope implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            RequestContextController controller = cdi.get(RequestContextController.class);
            controller.activate();
            try {
                chain.doFilter(request, response);
            } finally {
                controller.deactivate();
            }
        }
    }

    /**
     * Reports the request's user as {@code key=value} lines; {@code ?slug=} also fetches the user's
     * token, {@code ?cache=} adds a {@code Cache-Control} and sets {@code Vary: Accept}, as an
     * application with its own caching policy would.
     */
    private final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            servletCalls.incrementAndGet();
            VendoUserContext user = cdi.get(VendoUserContext.class);
            StringBuilder out = new StringBuilder()
                    .append("present=").append(user.isPresent()).append('\n')
                    .append("verified=").append(user.isVerified()).append('\n')
                    .append("userId=").append(user.userId().orElse("")).append('\n')
                    .append("email=").append(user.email().orElse("")).append('\n')
                    .append("name=").append(user.name().orElse("")).append('\n')
                    .append("tenantId=").append(user.tenantId().orElse("")).append('\n')
                    .append("proxyRole=").append(user.proxyRole().orElse("")).append('\n')
                    .append("sub=").append(user.claims().getOrDefault("sub", "")).append('\n');
            String slug = request.getParameter("slug");
            if (slug != null) {
                try {
                    String token = cdi.get(Vendo.class, VendoUser.Literal.INSTANCE).token(slug);
                    out.append("token=").append(token).append('\n');
                } catch (VendoError e) {
                    out.append("error=").append(e.code()).append('\n');
                }
            }
            String cache = request.getParameter("cache");
            if (cache != null) {
                response.addHeader("Cache-Control", cache);
                response.setHeader("Vary", "Accept");
            }
            response.setContentType("text/plain");
            response.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
