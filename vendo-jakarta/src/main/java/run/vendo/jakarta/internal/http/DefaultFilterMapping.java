package run.vendo.jakarta.internal.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import run.vendo.jakarta.VendoIdentityFilter;

/**
 * Maps {@link VendoIdentityFilter} on {@code /*} for {@code REQUEST} dispatches, ahead of the
 * application's filters, unless the application's {@code web.xml} maps it itself.
 *
 * <p>The jar's {@code web-fragment.xml} declares the filter without a mapping and this listener
 * adds the default one. A mapping in the fragment would not do: the Servlet specification lets
 * the {@code web.xml} mappings of a filter replace a fragment's, and WildFly and Payara do so,
 * but Open Liberty adds them up, so the fragment's {@code /*} would stay beside the application's
 * own patterns.
 */
public class DefaultFilterMapping implements ServletContextListener {

    /** Creates the listener; the container does. */
    public DefaultFilterMapping() {}

    @Override
    public void contextInitialized(ServletContextEvent event) {
        FilterRegistration filter = event.getServletContext().getFilterRegistration(VendoIdentityFilter.FILTER_NAME);
        if (filter == null || !filter.getUrlPatternMappings().isEmpty() || !filter.getServletNameMappings().isEmpty()) {
            return; // left out by an <absolute-ordering>, or mapped by the application
        }
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
}
