package io.github.sendmsg;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers of docs/architecture.md, read from the compiled classes: every type a class refers to is
 * in its constant pool (class entries, and the descriptors of the fields and methods it uses), so a
 * scan of the pools shows which package reaches which. The rule: the public API
 * ({@code io.github.sendmsg} and the packages beside it) never reaches the bindings
 * ({@code io.github.sendmsg.internal.libc}); the safe-call layer ({@code io.github.sendmsg.internal})
 * never reaches up into a public package; the bindings reach nothing of the library above them.
 */
class LayersTest {

    private static final String ROOT = "io/github/sendmsg/";
    private static final String INTERNAL = ROOT + "internal/";
    private static final String BINDINGS = ROOT + "internal/libc/";
    private static final Pattern TYPE_NAME = Pattern.compile("L(io/github/sendmsg/[A-Za-z0-9_$/]+);");

    @Test
    void noPublicClassReachesTheBindings() throws Exception {
        assertThat(violations(ClassKind.PUBLIC_API, BINDINGS))
                .as("classes of the public API that refer to the generated bindings directly (they must go through "
                        + "io.github.sendmsg.internal)")
                .isEmpty();
    }

    @Test
    void theSafeCallLayerNeverReachesUpIntoThePublicApi() throws Exception {
        assertThat(violations(ClassKind.SAFE_CALLS, ROOT))
                .as("classes of io.github.sendmsg.internal that refer to a public class (arrows point down only)")
                .isEmpty();
    }

    @Test
    void theBindingsReachNothingAboveThem() throws Exception {
        assertThat(violations(ClassKind.GENERATED_BINDINGS, ROOT))
                .as("classes of the bindings that refer to the library above them")
                .isEmpty();
    }

    @Test
    void theScanSeesTheReferencesItLooksFor() throws Exception {
        // Guards the test itself: a scan that found nothing would pass every rule above.
        Map<String, Set<String>> references = references();
        assertThat(references.get(ROOT + "SendMsg")).as("SendMsg refers to the safe-call layer").anyMatch(r -> r.startsWith(INTERNAL));
        assertThat(references.get(INTERNAL + "Syscalls")).as("Syscalls refers to the bindings").anyMatch(r -> r.startsWith(BINDINGS));
        assertThat(references.keySet()).as("every class of the library was read").hasSizeGreaterThan(30);
    }

    private enum ClassKind {
        PUBLIC_API, SAFE_CALLS, GENERATED_BINDINGS;

        static ClassKind of(String className) {
            if (className.startsWith(LayersTest.BINDINGS)) {
                return GENERATED_BINDINGS;
            }
            return className.startsWith(LayersTest.INTERNAL) ? SAFE_CALLS : PUBLIC_API;
        }
    }

    /** Each class of {@code kind} with the references it makes into {@code forbidden} (outside its own layer). */
    private static Map<String, Set<String>> violations(ClassKind kind, String forbidden) throws Exception {
        Map<String, Set<String>> found = new TreeMap<>();
        references().forEach((className, referenced) -> {
            if (ClassKind.of(className) != kind) {
                return;
            }
            Set<String> bad = new TreeSet<>();
            for (String target : referenced) {
                boolean inForbidden = target.startsWith(forbidden);
                boolean ownLayer = ClassKind.of(target) == kind || (kind == ClassKind.SAFE_CALLS && target.startsWith(BINDINGS));
                if (inForbidden && !ownLayer && !target.startsWith(ROOT + "module-info")) {
                    bad.add(target);
                }
            }
            if (!bad.isEmpty()) {
                found.put(className, bad);
            }
        });
        return found;
    }

    /** For every class of the library: the library types it refers to. */
    private static Map<String, Set<String>> references() throws IOException, URISyntaxException {
        Path classes = Path.of(SendMsg.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Set<String>> references = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
                if (!name.startsWith(ROOT) || name.endsWith("module-info")) {
                    continue;
                }
                references.put(name, referencedTypes(Files.readAllBytes(file)));
            }
        }
        return references;
    }

    /** The library types named in a class file's constant pool: class entries and type descriptors. */
    static Set<String> referencedTypes(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNames = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames.add(in.readUnsignedShort());   // Class
                case 8, 16, 19, 20 -> in.readUnsignedShort();      // String, MethodType, Module, Package
                case 15 -> {                                       // MethodHandle
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();  // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> {                                     // Long, Double take two slots
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> types = new TreeSet<>();
        for (int index : classNames) {
            String name = utf8[index];
            if (name.startsWith(ROOT)) {
                types.add(name);
            } else {
                addDescriptorTypes(name, types);   // array classes: [Lio/github/...;
            }
        }
        for (String text : utf8) {
            if (text != null && text.contains("Lio/github/sendmsg/")) {
                addDescriptorTypes(text, types);   // field and method descriptors, signatures
            }
        }
        return types;
    }

    private static void addDescriptorTypes(String descriptor, Set<String> types) {
        Matcher matcher = TYPE_NAME.matcher(descriptor);
        while (matcher.find()) {
            types.add(matcher.group(1));
        }
    }
}
