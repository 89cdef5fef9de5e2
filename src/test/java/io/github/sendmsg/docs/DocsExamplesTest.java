package io.github.sendmsg.docs;

import io.github.sendmsg.Fds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jshell scripts under {@code docs/examples} run as the README says
 * ({@code jshell --enable-native-access --class-path …}) and print what the docs show.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DocsExamplesTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("basedir", "."), "docs", "examples");

    private static String jshell(String script) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path jshell = java.resolveSibling("jshell");
        assumeTrue(Files.isExecutable(jshell), "this JDK has no jshell next to " + java);
        String classPath = System.getProperty("sendmsg.test.classpath", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(jshell.toString(), "--enable-native-access",
                "--class-path", classPath, EXAMPLES.resolve(script).toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("jshell finished").isTrue();
        Fds.closePipes(process);
        assertThat(output).as("jshell printed no exception").doesNotContain("Exception").doesNotContain("Error:");
        assertThat(process.exitValue()).as("jshell's exit code; output:%n%s", output).isZero();
        return output;
    }

    @Test
    void sendingRegularDataScriptPrintsTheDocumentsOutput() throws Exception {
        assertThat(jshell("sending-regular-data.jsh")).contains("""
                Sent 12 bytes
                Received 'Hello, world'
                Extra stuff, boring in this case 0 []
                """);
    }

    @Test
    void copyingFileDescriptorsScriptReadsHalfThroughEachDescriptor() throws Exception {
        assertThat(jshell("copying-file-descriptors.jsh"))
                .containsPattern("Read from original \\(\\d+\\): 'Hello,'\nRead from duplicate \\(\\d+\\): ' world'\n");
    }

    @Test
    void beyondTwistedScriptShowsEveryFeatureWorking() throws Exception {
        assertThat(jshell("beyond-twisted.jsh")).contains(
                "gather sent 12, scatter received 12: 'Hello' + ', world'",
                "rights: 1 descriptor",
                "sender is this process: true",
                "peer credentials (SO_PEERCRED) pid matches: true",
                "NativeMessage received 64 bytes, 'reusable', 1 descriptor",
                "datagram of 4 bytes from @sendmsg-guide-",
                "record cut: true, 'a long', descriptors: 1",
                "batch: 8 sent, 8 received in one call each",
                "frames: 'first' with 0, 'second' with 1 descriptor");
    }
}
