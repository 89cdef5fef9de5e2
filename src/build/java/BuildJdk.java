import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step, run by the JDK the build found (the toolchain): writes that JDK's version to the
 * properties file named by the first argument, so the jar's manifest names the JDK that compiled the
 * classes rather than the one Maven runs on.
 */
public class BuildJdk {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        String jdk = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        Files.writeString(out, "build.jdk=" + jdk.replace("\\", "\\\\") + System.lineSeparator());
        System.out.println("Build-Jdk: " + jdk);
    }
}
