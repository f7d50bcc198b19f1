package run.vendo.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import run.vendo.jakarta.internal.config.VendoSettings;

/** The descriptors in META-INF are well-formed and say what the documentation promises. */
class MetaInfResourcesTest {

    static final String JAKARTAEE = "https://jakarta.ee/xml/ns/jakartaee";

    static Document parse(String resource) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = MetaInfResourcesTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return factory.newDocumentBuilder().parse(in);
        }
    }

    static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS(JAKARTAEE, name).item(0).getTextContent().trim();
    }

    @Test
    void webFragmentRegistersTheFilterFirstOnEveryRequest() throws Exception {
        Element root = parse("/META-INF/web-fragment.xml").getDocumentElement();
        assertEquals("web-fragment", root.getLocalName());
        assertEquals("6.0", root.getAttribute("version"));
        assertEquals("vendo", text(root, "name"));
        Element ordering = (Element) root.getElementsByTagNameNS(JAKARTAEE, "ordering").item(0);
        Element before = (Element) ordering.getElementsByTagNameNS(JAKARTAEE, "before").item(0);
        assertEquals(1, before.getElementsByTagNameNS(JAKARTAEE, "others").getLength());
        Element filter = (Element) root.getElementsByTagNameNS(JAKARTAEE, "filter").item(0);
        assertEquals(VendoIdentityFilter.FILTER_NAME, text(filter, "filter-name"));
        assertEquals(VendoIdentityFilter.class.getName(), text(filter, "filter-class"));
        assertEquals("true", text(filter, "async-supported"));
        Element mapping = (Element) root.getElementsByTagNameNS(JAKARTAEE, "filter-mapping").item(0);
        assertEquals(VendoIdentityFilter.FILTER_NAME, text(mapping, "filter-name"));
        assertEquals("/*", text(mapping, "url-pattern"));
        assertEquals("REQUEST", text(mapping, "dispatcher"));
    }

    @Test
    void beansXmlIsAnnotatedAndExcludesTheInternals() throws Exception {
        Element root = parse("/META-INF/beans.xml").getDocumentElement();
        assertEquals("annotated", root.getAttribute("bean-discovery-mode"));
        Element exclude = (Element) root.getElementsByTagNameNS(JAKARTAEE, "exclude").item(0);
        assertEquals("run.vendo.jakarta.internal.**", exclude.getAttribute("name"));
    }

    @Test
    void configDefaultsAreLowPriorityAndValid() throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        assertEquals("50", defaults.getProperty("config_ordinal"));
        Map<String, String> map = new HashMap<>();
        defaults.forEach((k, v) -> map.put((String) k, (String) v));
        VendoSettings settings = VendoSettings.from(key -> Optional.ofNullable(map.get(key)));
        assertTrue(settings.toString().contains("maxAttempts=3"));
        for (String key : map.keySet()) {
            assertTrue(key.equals("config_ordinal") || key.startsWith("vendo."), key);
        }
    }
}
