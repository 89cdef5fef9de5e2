import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step, run by the JDK the build found (the toolchain): writes that JDK's version and home to
 * the properties file named by the first argument, so the jar's manifest names the JDK that compiled
 * the classes rather than the one Maven runs on, and {@code bin/jshell} and the benchmarks start that
 * JDK's tools.
 */
public class BuildJdk {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        String jdk = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        String home = System.getProperty("java.home");
        Files.writeString(out, "build.jdk=" + escape(jdk) + System.lineSeparator()
                + "build.java.home=" + escape(home) + System.lineSeparator());
        System.out.println("Build-Jdk: " + jdk + " at " + home);
    }

    /** A value as a properties file holds it. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
