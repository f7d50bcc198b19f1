package run.vendo.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

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
        assertEquals(1, root.getElementsByTagNameNS(JAKARTAEE, "distributable").getLength(),
                "a WAR is distributable only if every fragment is");
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
    void beansXmlIsAnnotatedAndExcludesTheShadedLibraries() throws Exception {
        Element root = parse("/META-INF/beans.xml").getDocumentElement();
        assertEquals("annotated", root.getAttribute("bean-discovery-mode"));
        Element exclude = (Element) root.getElementsByTagNameNS(JAKARTAEE, "exclude").item(0);
        assertEquals("run.vendo.jakarta.internal.shaded.**", exclude.getAttribute("name"));
    }

    @Test
    void theJarShipsNoConfigurationDefaults() {
        // The core owns every default; a second copy in the jar would drift from it.
        assertNull(getClass().getResource("/META-INF/microprofile-config.properties"));
    }
}
