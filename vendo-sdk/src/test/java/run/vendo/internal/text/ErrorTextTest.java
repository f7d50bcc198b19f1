package run.vendo.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import run.vendo.errors.ErrorCodes;

class ErrorTextTest {

    /** The codes only the Jakarta integration raises: their texts are its own. */
    private static final Set<String> RAISED_BY_JAKARTA = Set.of(ErrorCodes.IDENTITY_VERIFIER_UNAVAILABLE,
            ErrorCodes.WEBHOOK_TOO_LARGE, ErrorCodes.WEBHOOK_OBSERVER_FAILED, ErrorCodes.METHOD_NOT_ALLOWED,
            ErrorCodes.WEBHOOK_IN_FLIGHT, ErrorCodes.WEBHOOK_BUSY);

    static Set<String> codes() {
        return Arrays.stream(ErrorCodes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ErrorTextTest::value)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyCodeTheClientRaisesOrMapsHasExactlyOneText() {
        var byCode = Arrays.stream(ErrorText.values())
                .collect(Collectors.groupingBy(ErrorText::code, Collectors.counting()));
        byCode.forEach((code, count) -> assertEquals(1L, count, code + " has more than one text"));
        Set<String> expected = new TreeSet<>(codes());
        expected.removeAll(RAISED_BY_JAKARTA);
        assertEquals(expected, new TreeSet<>(byCode.keySet()));
    }

    @Test
    void aTextIsFoundByItsCodeAndNothingElseIs() {
        for (ErrorText text : ErrorText.values()) {
            assertEquals(text, ErrorText.of(text.code()).orElseThrow());
        }
        assertFalse(ErrorText.of("http_500").isPresent());
        assertFalse(ErrorText.of(null).isPresent());
    }

    @Test
    void slotsAreFilledInOrderAndAnEmptySlotReadsAsNothing() {
        assertEquals("The provider 'google' is not connected for this identity: set GOOGLE_TOKEN.",
                ErrorText.BINDING_MISSING.with(" 'google'", ": set GOOGLE_TOKEN"));
        assertEquals("The provider is not connected for this identity.", ErrorText.BINDING_MISSING.advice());
        assertEquals("The provider 'x' is not connected for this identity.",
                ErrorText.BINDING_MISSING.with(" 'x'", null));
    }

    @Test
    void everyAdviceReadsAsASentence() {
        Function<ErrorText, String> advice = ErrorText::advice;
        for (ErrorText text : ErrorText.values()) {
            String a = advice.apply(text);
            assertTrue(Character.isUpperCase(a.charAt(0)) && a.endsWith("."), text + ": " + a);
            assertFalse(a.contains("%s") || a.contains("  "), text + ": " + a);
        }
    }
}
