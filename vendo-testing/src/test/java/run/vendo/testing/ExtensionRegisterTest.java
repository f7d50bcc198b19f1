package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension registered with one line: one emulator per class, reset before each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionRegisterTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    static VendoEmulator first;

    @AfterAll
    static void closedAfterAll() {
        // afterAll of the extension runs after this method; nothing to check here but the same instance
        assertSame(first, vendo.emulator());
    }

    @Test
    @Order(1)
    void startedBeforeTheFirstTest() {
        first = vendo.emulator();
        assertFalse(first.isClosed());
        first.user("kim").connect("google");
        first.inject(Fault.status(500)).always();
        assertEquals(500, TestHttp.get(first, "/credentials/google").statusCode());
        assertEquals(1, first.calls());
    }

    @Test
    @Order(2)
    void resetBeforeEachTestKeepingConnections() {
        VendoEmulator emulator = vendo.emulator();
        assertSame(first, emulator);
        assertEquals(0, emulator.calls());
        assertEquals(0, emulator.requests().size());
        assertEquals(200, TestHttp.getAs(emulator, "/credentials/google", emulator.mintUserJwt("kim")).statusCode());
    }

    @Nested
    class Inner {
        @Test
        void nestedTestsShareTheOuterEmulator() {
            assertSame(first == null ? vendo.emulator() : first, vendo.emulator());
            assertEquals(0, vendo.emulator().calls());
        }
    }
}
