package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension declared with @ExtendWith, handing the emulator to constructors and methods. */
@ExtendWith(VendoEmulatorExtension.class)
class ExtensionParameterTest {

    static VendoEmulator fromBeforeAll;
    private final VendoEmulator fromConstructor;

    ExtensionParameterTest(VendoEmulator emulator) {
        this.fromConstructor = emulator;
    }

    @BeforeAll
    static void beforeAll(VendoEmulator emulator) {
        fromBeforeAll = emulator;
    }

    @AfterAll
    static void afterAll() {
        // the extension's afterAll closes it next; it is still open here
        assertTrue(!fromBeforeAll.isClosed());
    }

    @Test
    void constructorAndMethodParametersGetTheSameRunningEmulator(VendoEmulator emulator) {
        assertSame(fromBeforeAll, emulator);
        assertSame(fromConstructor, emulator);
        emulator.deployment().connect("notion");
        assertEquals(200, TestHttp.get(emulator, "/credentials/notion").statusCode());
        assertEquals(1, emulator.calls());
    }

    @Test
    void countersStartAtZeroInEachTest(VendoEmulator emulator) {
        assertEquals(0, emulator.calls());
        assertEquals(0, emulator.jwksCalls());
    }
}
