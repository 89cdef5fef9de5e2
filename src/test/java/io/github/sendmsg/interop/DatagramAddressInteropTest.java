package io.github.sendmsg.interop;

import io.github.sendmsg.Fds;
import io.github.sendmsg.NoFdLeaks;
import io.github.sendmsg.Posix;
import io.github.sendmsg.ReceiveResult;
import io.github.sendmsg.SendMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Datagram addresses against CPython: a Python datagram socket sends to Java's bound address with a
 * descriptor, Java sees the sender's address and replies to it, and Python sees Java's.
 */
@ExtendWith(NoFdLeaks.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DatagramAddressInteropTest {

    @TempDir
    Path dir;

    @Test
    void datagramsCarryTheSendersPathBothWays() throws Exception {
        exchange(dir.resolve("java.sock").toString(), dir.resolve("python.sock").toString());
    }

    @Test
    void datagramsCarryTheSendersAbstractNameBothWays() throws Exception {
        String base = "@sendmsg-dgram-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        exchange(base + "-java", base + "-python");
    }

    private void exchange(String javaAddress, String pythonAddress) throws Exception {
        PythonPeer.assumeAvailable("cpython");
        Path script = dir.resolve("datagram_peer.py");
        try (InputStream in = getClass().getResourceAsStream("datagram_peer.py")) {
            Files.copy(in, script);
        }
        int socket = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        int[] fds = new int[0];
        Process python = null;
        try {
            Posix.bind(socket, javaAddress);
            python = new ProcessBuilder(PythonPeer.python(), script.toString(), javaAddress, pythonAddress).start();

            ByteBuffer buffer = ByteBuffer.allocate(64);
            ReceiveResult received = SendMsg.recvmsg(socket, new ByteBuffer[] {buffer}, 16, 0);
            fds = received.fileDescriptors();
            assertThat(new String(buffer.array(), 0, (int) received.bytes(), StandardCharsets.US_ASCII)).isEqualTo("ping");
            assertThat(received.address()).as("the Python sender's address").isEqualTo(pythonAddress);
            assertThat(fds).as("the pipe Python sent").hasSize(1);
            assertThat(PythonPeer.readAll(fds[0])).isEqualTo("through the pipe");

            SendMsg.sendmsg(socket, new ByteBuffer[] {ByteBuffer.wrap("pong".getBytes())}, List.of(), 0, received.address());
            String stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String stderr = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as("Python's exit code; stderr:%n%s", stderr).isZero();
            assertThat(stdout).as("what Python received, and from where").isEqualTo("ok reply=pong from=" + javaAddress);
        } finally {
            if (python != null) {
                python.destroyForcibly();
                Fds.closePipes(python);
            }
            Fds.closeAll(fds);
            Fds.closeAll(socket);
        }
    }
}
