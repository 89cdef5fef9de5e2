package io.github.sendmsg.interop;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Fds;
import io.github.sendmsg.Posix;
import io.github.sendmsg.SendMsg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Python process on the other end of an {@code AF_UNIX} socket, running {@code peer.py} with
 * CPython's socket module or Twisted's {@code twisted.python.sendmsg}: peers no one here wrote.
 */
final class PythonPeer implements AutoCloseable {

    /** Debian's interpreter, where {@code apt-get install python3-twisted} puts Twisted. */
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private final Process process;
    private final int listener;
    final int connection;

    private PythonPeer(Process process, int listener, int connection) {
        this.process = process;
        this.listener = listener;
        this.connection = connection;
    }

    static String python() {
        return Files.isExecutable(SYSTEM_PYTHON) ? SYSTEM_PYTHON.toString() : "python3";
    }

    /** Skips the calling test unless {@code library} ("cpython" or "twisted") can run here. */
    static void assumeAvailable(String library) {
        String module = library.equals("twisted") ? "twisted.python.sendmsg" : "socket";
        boolean available;
        try {
            Process probe = new ProcessBuilder(python(), "-c", "import " + module).redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            available = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
            Fds.closePipes(probe);
        } catch (IOException | InterruptedException e) {
            available = false;
        }
        assumeTrue(available, library.equals("twisted")
                ? "Twisted is not installed for " + python() + " (apt-get install python3-twisted; CI installs it)"
                : "no python3 to run the CPython peer");
    }

    /**
     * Listens on {@code address}, starts {@code peer.py library mode address extra}, and accepts its
     * connection.
     */
    static PythonPeer start(String library, String mode, String address, String extra, Path workDir)
            throws IOException, ErrnoException {
        Path script = workDir.resolve("peer.py");
        if (!Files.exists(script)) {
            try (InputStream in = PythonPeer.class.getResourceAsStream("peer.py")) {
                Files.copy(in, script);
            }
        }
        int listener = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        try {
            Posix.bind(listener, address);
            Posix.listen(listener, 1);
            List<String> command = new ArrayList<>(List.of(python(), script.toString(), library, mode, address));
            if (extra != null) {
                command.add(extra);
            }
            Process process = new ProcessBuilder(command).start();
            int connection = Posix.accept(listener);
            return new PythonPeer(process, listener, connection);
        } catch (IOException | RuntimeException e) {
            Fds.closeAll(listener);
            throw e;
        }
    }

    /** Lets the peer finish, and checks it exited 0 having printed {@code ok …}; returns that line. */
    String finish() throws IOException, InterruptedException, ErrnoException {
        SendMsg.send1msg(connection, new byte[] {'.'});
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the peer exits").isTrue();
        assertThat(process.exitValue()).as("the peer's exit code; its stderr:%n%s", stderr).isZero();
        assertThat(stdout).as("the peer's report; its stderr:%n%s", stderr).startsWith("ok");
        return stdout;
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Fds.closePipes(process);
        Fds.closeAll(connection, listener);
    }

    static String readAll(int fd) {
        StringBuilder text = new StringBuilder();
        try {
            for (byte[] chunk = Posix.read(fd, 256); chunk.length > 0; chunk = Posix.read(fd, 256)) {
                text.append(new String(chunk, StandardCharsets.US_ASCII));
            }
        } catch (ErrnoException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
