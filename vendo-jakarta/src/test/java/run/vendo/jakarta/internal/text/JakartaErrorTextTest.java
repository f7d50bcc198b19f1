package run.vendo.jakarta.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import run.vendo.errors.ErrorCodes;
import run.vendo.internal.text.ErrorText;

class JakartaErrorTextTest {

    @Test
    void everyCodeOfErrorCodesHasExactlyOneTextInTheCoreOrHere() throws IllegalAccessException {
        Map<String, List<String>> texts = new TreeMap<>();
        for (Field f : ErrorCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                texts.put((String) f.get(null), new ArrayList<>());
            }
        }
        Arrays.stream(ErrorText.values())
                .forEach(t -> texts.computeIfAbsent(t.code(), c -> new ArrayList<>()).add("core " + t));
        Arrays.stream(JakartaErrorText.values())
                .forEach(t -> texts.computeIfAbsent(t.code(), c -> new ArrayList<>()).add("jakarta " + t));
        texts.forEach((code, where) -> assertEquals(1, where.size(), code + " has texts in " + where));
    }

    @Test
    void aSlotTakesTheFactsOfTheCase() {
        assertEquals("A webhook delivery may have at most 1048576 bytes.",
                JakartaErrorText.WEBHOOK_TOO_LARGE.with(" 1048576"));
    }
}
