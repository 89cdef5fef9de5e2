package io.github.sendmsg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twisted's {@code test_sendSubProcessFD} for Java (edge case 28): a descriptor handed to a child JVM
 * that writes through it and closes it; the parent reads the line, then end of file, which proves
 * every copy of the write end is closed. A child started by {@code ProcessBuilder} inherits no
 * descriptor but 0–2, so it connects to a named or abstract socket instead of inheriting one.
 */
@ExtendWith(NoFdLeaks.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChildJvmHandoffTest {

    @Test
    void aChildJvmWritesThroughAPipeHandedToItOverANamedSocket(@TempDir Path dir) throws Exception {
        handOffTo(dir.resolve("handoff.sock").toString());
    }

    @Test
    void aChildJvmWritesThroughAPipeHandedToItOverAnAbstractSocket() throws Exception {
        handOffTo("@sendmsg-handoff-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    private static void handOffTo(String address) throws Exception {
        int listener = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        int[] pipe = Posix.pipe();
        int connection = -1;
        Process child = null;
        try {
            Posix.bind(listener, address);
            Posix.listen(listener, 1);
            child = startChild(address);
            connection = Posix.accept(listener);

            SendMsg.send1msg(connection, new byte[] {0}, 0, List.of(ControlMessage.rights(pipe[1])));
            Posix.close(pipe[1]);
            pipe[1] = -1;

            String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child exits").isTrue();
            assertThat(child.exitValue()).as("the child's exit code; its stderr:%n%s", stderr).isZero();
            assertThat(new String(Posix.read(pipe[0], 1024), StandardCharsets.US_ASCII))
                    .isEqualTo("Test fixture data: blonk.\n");
            assertThat(Posix.read(pipe[0], 1024)).as("end of file: the child closed the only other copy").isEmpty();
        } finally {
            if (child != null) {
                child.destroyForcibly();
                Fds.closePipes(child);
            }
            Fds.closeAll(listener, pipe[0], pipe[1]);
            if (connection >= 0) {
                Fds.closeAll(connection);
            }
        }
    }

    private static Process startChild(String address) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("sendmsg.test.classpath", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                PullPipe.class.getName(), address)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
