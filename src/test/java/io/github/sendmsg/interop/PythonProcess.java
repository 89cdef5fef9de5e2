package io.github.sendmsg.interop;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Fds;
import io.github.sendmsg.Posix;
import io.github.sendmsg.SendMsg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Python script from this package's resources, run as a peer connected to an abstract socket the
 * test listens on; optionally as the unprivileged user 65534 ({@code setpriv}). Scripts that wait
 * for a byte before they act get it from {@link Connected#start()}; {@link Connected#finish()} sends
 * the byte they wait for before exiting.
 */
public final class PythonProcess {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private PythonProcess() {
    }

    /** Skips the calling test unless this process can start another as uid/gid 65534. */
    public static void assumeCanRunAsNobody() throws IOException {
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
        assumeTrue(root && Files.isExecutable(SETPRIV),
                "running a peer as an unprivileged user needs root and setpriv (util-linux); CI runs as root");
    }

    /** Starts {@code script args…} as this user, connected; see {@link Connected}. */
    public static Connected connect(String script, String... args) throws IOException, ErrnoException {
        return launch(List.of(), script, args);
    }

    /** Starts {@code script args…} as uid/gid 65534 with no groups, connected. */
    public static Connected connectAsNobody(String script, String... args) throws IOException, ErrnoException {
        return launch(List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534", "--clear-groups"), script, args);
    }

    private static Connected launch(List<String> prefix, String script, String... args) throws IOException, ErrnoException {
        // A directory the unprivileged user can read: JUnit's temporary directories are private.
        Path dir = Files.createTempDirectory("sendmsg-test-py", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = dir.resolve(script);
        try (InputStream in = PythonProcess.class.getResourceAsStream(script)) {
            Files.copy(in, file);
        }
        String address = "@sendmsg-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        int listener = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        Process process = null;
        try {
            Posix.bind(listener, address);
            Posix.listen(listener, 1);
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of(PythonPeer.python(), file.toString(), address));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).start();
            int connection = Posix.accept(listener);
            return new Connected(process, listener, connection, dir);
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            Fds.closeAll(listener);
            throw e;
        }
    }

    /** A running peer and the accepted connection to it. */
    public static final class Connected implements AutoCloseable {
        private final Process process;
        private final int listener;
        private final int connection;
        private final Path dir;

        private Connected(Process process, int listener, int connection, Path dir) {
            this.process = process;
            this.listener = listener;
            this.connection = connection;
            this.dir = dir;
        }

        /** The accepted socket; the test's to use, closed by {@link #close()}. */
        public int connection() {
            return connection;
        }

        /** Tells the peer to act. */
        public void start() throws ErrnoException {
            SendMsg.send1msg(connection, new byte[] {'g'});
        }

        /** Tells the peer to exit, checks it exited 0 having printed a line, and returns that line. */
        public String finish() throws IOException, InterruptedException, ErrnoException {
            SendMsg.send1msg(connection, new byte[] {'.'});
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the peer exits").isTrue();
            assertThat(process.exitValue()).as("the peer's exit code; its stderr:%n%s", stderr).isZero();
            return stdout;
        }

        /** Waits for a peer that exits on its own, checks it exited 0, and returns its line. */
        public String finishQuietly() throws IOException, InterruptedException {
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the peer exits").isTrue();
            assertThat(process.exitValue()).as("the peer's exit code; its stderr:%n%s", stderr).isZero();
            return stdout;
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            Fds.closePipes(process);
            Fds.closeAll(connection, listener);
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}
