package io.github.sendmsg.docs;

import io.github.sendmsg.Fds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hand-off example of docs/handoff.md runs as written: a parent JVM hands an open file and a
 * listening socket to a worker (a JVM, or CPython with socket.recv_fds), which serves a client of the
 * parent's port with plain JDK (or Python) code.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HandOffExampleTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."), "docs", "examples", "handoff");

    private static String parent(String worker) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("sendmsg.test.classpath", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Dhandoff.dir=" + EXAMPLE,
                "-cp", classPath, EXAMPLE.resolve("Parent.java").toString(), worker)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        Fds.closePipes(process);
        assertThat(process.exitValue()).as("the parent's exit code; it printed:%n%s", output).isZero();
        return output;
    }

    @Test
    void aWorkerJvmServesFromTheFileAndListenerItWasHanded() throws Exception {
        assertThat(parent("java"))
                .containsPattern("parent: handed the file and the listener on port \\d+ to the worker")
                .containsPattern("client: worker \\d+ answers 'GET greeting' with greeting=hello from the config file")
                .contains("worker: served one client from the handed-over listener");
    }

    @Test
    void aCpythonWorkerTakesThemWithRecvFds() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "the CPython worker needs python3");
        assertThat(parent("python"))
                .containsPattern("client: worker \\d+ answers 'GET greeting' with greeting=hello from the config file")
                .contains("worker: served one client from the handed-over listener (python)");
    }
}
