package run.vendo.jakarta.it;

/**
 * The server a failsafe execution runs the tests on, from {@code -Dit.server}: {@code wildfly},
 * {@code wildfly-preview}, {@code payara}, {@code payara7} or {@code liberty} (see the module's pom.xml).
 */
final class ItServer {

    private ItServer() {
    }

    /** The execution's server name, as in {@code target/failsafe-reports/<name>/}. */
    static String name() {
        return System.getProperty("it.server", "unknown");
    }

    /** WildFly or WildFly Preview. */
    static boolean isWildFly() {
        return name().startsWith("wildfly");
    }

    /** Payara Micro 6 or 7. */
    static boolean isPayara() {
        return name().startsWith("payara");
    }

    /** Open Liberty. */
    static boolean isLiberty() {
        return name().equals("liberty");
    }
}
