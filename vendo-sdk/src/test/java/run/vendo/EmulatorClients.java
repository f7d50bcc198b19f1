package run.vendo;

import java.util.HashMap;
import java.util.Map;
import run.vendo.testing.VendoEmulator;

/** Client builders pointed at a {@link VendoEmulator}, on its clock. */
final class EmulatorClients {

    private EmulatorClients() {}

    /** A builder with the emulator's variables as its whole environment. */
    static Vendo.Builder builder(VendoEmulator emulator) {
        return builder(emulator, Map.of());
    }

    /** A builder with the emulator's variables plus {@code env} (which wins) as its whole environment. */
    static Vendo.Builder builder(VendoEmulator emulator, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(emulator.environment());
        all.putAll(env);
        return Vendo.builder().environment(all).clock(emulator.clock());
    }

    /** A root client of {@link #builder(VendoEmulator)}; close it when done. */
    static Vendo client(VendoEmulator emulator) {
        return builder(emulator).build();
    }
}
