package io.github.sendmsg.docs;

import io.github.sendmsg.Fds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's promises run as written: its Java example is the program {@code docs/examples/HandAFile.java}
 * (the same lines, so the two cannot drift), that program hands an open file to a child JVM, and
 * {@code bin/jshell} opens a session with the library and native access.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReadmeTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", "."));

    private static String run(List<String> command, String input) throws Exception {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("finished").isTrue();
        Fds.closePipes(process);
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        return output;
    }

    @Test
    void theReadmesJavaExampleIsTheProgramInDocsExamples() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("the README has a Java example").isTrue();
        // The README shows the methods without the class around them: compare without the indentation.
        String program = Files.readString(ROOT.resolve("docs/examples/HandAFile.java"));
        assertThat(unindented(program)).as("HandAFile.java holds the README's example, line for line")
                .contains(unindented(block.group(1)));
    }

    @Test
    void theProgramHandsAnOpenFileToAChildJvm() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("sendmsg.test.classpath", System.getProperty("java.class.path"));
        String output = run(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                "docs/examples/HandAFile.java"), "");
        assertTheChildReadTheFile(output);
    }

    private static void assertTheChildReadTheFile(String output) {
        assertThat(output)
                .containsPattern("child: read through fd \\d+: opened by the parent, read by the child")
                .contains("parent: the child exited with 0");
    }

    /** The bin/ scripts compile first when the classes are older than the sources: not inside a test run. */
    private static void assumeBuiltAfterTheSources(String script) throws Exception {
        Path built = ROOT.resolve("target/build-jdk.properties");
        assumeTrue(Files.exists(built) && isNewerThanSources(built),
                script + " would compile first; this test runs after the build's process-classes");
    }

    @Test
    void binJavaRunsTheProgramAsTheReadmeSays() throws Exception {
        assumeBuiltAfterTheSources("bin/java");
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).as("the command the README gives").contains("\nbin/java docs/examples/HandAFile.java\n");
        String output = run(List.of("bash", "bin/java", "docs/examples/HandAFile.java"), "");
        assertThat(output).contains("java of JDK ").contains("native access enabled");
        assertTheChildReadTheFile(output);
    }

    @Test
    void binJshellOpensASessionWithTheLibraryAndNativeAccess() throws Exception {
        assumeBuiltAfterTheSources("bin/jshell");
        String output = run(List.of("bash", "bin/jshell"), """
                int[] pair = Posix.socketpair()
                SendMsg.send1msg(pair[0], "Hello, world".getBytes())
                new String(SendMsg.recv1msg(pair[1], 1024).data())
                UnixChannel.pair()[0].type()
                /exit
                """);
        assertThat(output)
                .contains("jshell of JDK ").contains("native access enabled")
                .contains("$2 ==> 12")
                .contains("$3 ==> \"Hello, world\"")
                .contains("$4 ==> STREAM")
                .doesNotContain("Exception").doesNotContain("Error");
    }

    private static String unindented(String text) {
        return text.lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
    }

    private static boolean isNewerThanSources(Path built) throws Exception {
        FileTime time = Files.getLastModifiedTime(built);
        try (Stream<Path> sources = Files.walk(ROOT.resolve("src/main"))) {
            return sources.noneMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(time) > 0;
                } catch (java.io.IOException e) {
                    return true;
                }
            }) && Files.getLastModifiedTime(ROOT.resolve("pom.xml")).compareTo(time) <= 0;
        }
    }
}
