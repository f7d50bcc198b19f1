import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The build's API check: lists the public API of a module, one sorted line per public type and per
 * public or protected member of the classes it compiled, and fails the build unless the list equals
 * the committed one, so that an API change is always a deliberate one. A public type in a package
 * named {@code internal} is listed by name only, marked {@code internal}: its members carry no
 * promise, but a new one, which a user could reach, is a deliberate change too. Each published module runs it after compiling, on its own class path:
 *
 * <pre>java -cp &lt;classes and dependencies&gt; config/ApiSurface.java &lt;classes dir&gt; &lt;committed list&gt;</pre>
 *
 * <p>With {@code -Dvendo.api.update=true} (given to Maven) it writes the list anew instead; review its diff.
 */
public final class ApiSurface {

    private ApiSurface() {}

    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        Path expected = Path.of(args[1]);
        List<String> actual = of(classes);
        if (Boolean.getBoolean("vendo.api.update")) {
            Files.write(expected, actual, StandardCharsets.UTF_8);
            System.out.println("Wrote the public API to " + expected);
            return;
        }
        List<String> committed = Files.readAllLines(expected, StandardCharsets.UTF_8);
        if (committed.equals(actual)) {
            return;
        }
        List<String> added = new ArrayList<>(actual);
        added.removeAll(committed);
        List<String> removed = new ArrayList<>(committed);
        removed.removeAll(actual);
        System.err.println("The public API differs from " + expected + ". If the change is deliberate, build with "
                + "-Dvendo.api.update=true and commit the file.\n  added:\n    " + String.join("\n    ", added)
                + "\n  removed:\n    " + String.join("\n    ", removed));
        System.exit(1);
    }

    /** Lists the public API of the classes under a directory. */
    static List<String> of(Path classes) throws IOException {
        TreeSet<String> lines = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                if (name.endsWith(".class") && !name.contains("package-info")) {
                    Class<?> type = load(name.substring(0, name.length() - ".class".length()));
                    if (name.matches(".*\\binternal\\b.*")) {
                        name(type, lines);
                    } else {
                        describe(type, lines);
                    }
                }
            }
        }
        return new ArrayList<>(lines);
    }

    private static Class<?> load(String name) throws IOException {
        try {
            return Class.forName(name, false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IOException("cannot load " + name, e);
        }
    }

    /** Whether a user can name the type: it and every type enclosing it are public. */
    private static boolean reachable(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    /** An internal type a user could still name: one line, without its members. */
    private static void name(Class<?> type, TreeSet<String> lines) {
        if (reachable(type)) {
            lines.add(type.getName() + " : internal " + kind(type));
        }
    }

    private static void describe(Class<?> type, TreeSet<String> lines) {
        if (!reachable(type)) {
            return;
        }
        String owner = type.getName();
        lines.add(owner + " : " + kind(type) + " " + Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE
                & ~Modifier.ABSTRACT & ~Modifier.STATIC) + supertypes(type));
        boolean extensible = !Modifier.isFinal(type.getModifiers());
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            add(owner, c, extensible, lines);
        }
        for (Method m : type.getDeclaredMethods()) {
            if (!m.isSynthetic() && !m.isBridge()) {
                add(owner, m, extensible, lines);
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (!f.isSynthetic()) {
                add(owner, f, extensible, lines);
            }
        }
    }

    private static void add(String owner, Member member, boolean extensible, TreeSet<String> lines) {
        int mods = member.getModifiers();
        if (Modifier.isPublic(mods) || (extensible && Modifier.isProtected(mods))) {
            String text = member instanceof Executable e ? e.toGenericString() : ((Field) member).toGenericString();
            lines.add(owner + " : " + text);
        }
    }

    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "@interface";
        }
        if (type.isInterface()) {
            return "interface";
        }
        if (type.isEnum()) {
            return "enum";
        }
        return type.isRecord() ? "record" : "class";
    }

    private static String supertypes(Class<?> type) {
        StringBuilder s = new StringBuilder();
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            s.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        for (var i : type.getGenericInterfaces()) {
            s.append(s.indexOf(" implements ") < 0 ? " implements " : ", ").append(i.getTypeName());
        }
        return s.toString();
    }
}
