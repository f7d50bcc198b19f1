package run.vendo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import run.vendo.errors.AuthError;
import run.vendo.errors.IdentityNotPresent;

class UserJwtHeaderTest {

    @Test
    void findsTheHeaderWhateverItsCase() {
        assertEquals("t1", UserJwtHeader.from(Map.of("x-vendo-user-jwt", "t1")));
        assertEquals("t1", UserJwtHeader.from(Map.of("X-VENDO-USER-JWT", "t1")));
        assertEquals("t1", UserJwtHeader.from(Map.of("X-Vendo-User-JWT", List.of("t1"))));
        assertEquals("t1", UserJwtHeader.from(Map.of("X-Vendo-User-JWT", new String[] {"t1"})));
        assertEquals("t1", UserJwtHeader.from(Map.of("X-Vendo-User-JWT", Set.of("t1"))));
    }

    @Test
    void treatsAbsentNullAndBlankAsNotPresent() {
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("X-Vendo-User-JWT", null);
        for (Map<String, ?> headers : List.<Map<String, ?>>of(
                Map.of(), Map.of("Authorization", "Bearer x"), withNull, Map.of("X-Vendo-User-JWT", "  "),
                Map.of("X-Vendo-User-JWT", List.of()), Map.of("X-Vendo-User-JWT", List.of("", " ")),
                Map.of("X-Vendo-User-JWT", new String[0]))) {
            IdentityNotPresent e = assertThrows(IdentityNotPresent.class, () -> UserJwtHeader.from(headers));
            assertEquals("identity_not_present", e.code());
        }
        assertThrows(IdentityNotPresent.class, () -> UserJwtHeader.from((Map<String, ?>) null));
        assertThrows(IdentityNotPresent.class, () -> UserJwtHeader.from(name -> null));
        assertThrows(IdentityNotPresent.class, () -> UserJwtHeader.from(name -> ""));
    }

    @Test
    void acceptsIdenticalRepeatsAndIgnoresBlankOnes() {
        assertEquals("t1", UserJwtHeader.from(Map.of("X-Vendo-User-JWT", List.of("t1", "t1"))));
        assertEquals("t1", UserJwtHeader.from(Map.of("X-Vendo-User-JWT", Arrays.asList("t1", null, " "))));
        Map<String, Object> twoKeys = new LinkedHashMap<>();
        twoKeys.put("X-Vendo-User-JWT", "t1");
        twoKeys.put("x-vendo-user-jwt", List.of("t1"));
        assertEquals("t1", UserJwtHeader.from(twoKeys));
    }

    @Test
    void rejectsTwoDifferentValuesInAnyShape() {
        Map<String, Object> twoKeys = new LinkedHashMap<>();
        twoKeys.put("X-Vendo-User-JWT", "t1");
        twoKeys.put("x-vendo-user-jwt", "t2");
        Map<String, Object> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.put("X-Vendo-User-JWT", new String[] {"t1", "t2"});
        for (Map<String, ?> headers : List.<Map<String, ?>>of(
                Map.of("X-Vendo-User-JWT", List.of("t1", "t2")),
                Map.of("X-Vendo-User-JWT", new String[] {"t1", "t2"}),
                twoKeys, caseInsensitive)) {
            AuthError e = assertThrows(AuthError.class, () -> UserJwtHeader.from(headers));
            assertEquals("identity_invalid", e.code());
        }
    }

    @Test
    void readsThroughALookupFunction() {
        assertEquals("t1", UserJwtHeader.from(name -> name.equals("X-Vendo-User-JWT") ? "t1" : null));
    }

    @Test
    void refusesUnsupportedValueTypes() {
        assertThrows(IllegalArgumentException.class, () -> UserJwtHeader.from(Map.of("X-Vendo-User-JWT", 42)));
    }
}
