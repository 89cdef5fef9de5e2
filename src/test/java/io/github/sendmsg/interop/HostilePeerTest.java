package io.github.sendmsg.interop;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Fds;
import io.github.sendmsg.Frames;
import io.github.sendmsg.NoFdLeaks;
import io.github.sendmsg.ReceivedMessage;
import io.github.sendmsg.SendMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile peers (a CPython process): garbage ancillary kinds, a flood of descriptors, and a peer that
 * dies in the middle of a message. Forged credentials are in {@code CredentialsPassingTest}. Each
 * outcome is printed as a figure for {@code docs/reliability.md}.
 */
@ExtendWith(NoFdLeaks.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostilePeerTest {

    @Test
    void garbageAncillaryKindsNeverReachAnAfUnixReceiver() throws Exception {
        PythonPeer.assumeAvailable("cpython");
        try (PythonProcess.Connected peer = PythonProcess.connect("hostile_peer.py", "garbage")) {
            StringBuilder data = new StringBuilder();
            int controlMessages = 0;
            while (!data.toString().endsWith(".")) {
                ReceivedMessage message = SendMsg.recv1msg(peer.connection(), 64);
                data.append(new String(message.data()));
                controlMessages += message.ancillary().size();
                Fds.closeAll(message.fileDescriptors());
            }
            String report = peer.finish();
            figure("hostile-garbage", "a CPython peer tried three unasked-for ancillary kinds: " + report.substring(3)
                    + "; the receiver got the bytes \"" + data + "\" and " + controlMessages + " control messages");
            assertThat(controlMessages).as("the kernel passes no foreign ancillary kind on AF_UNIX").isZero();
            assertThat(report).contains("sol-socket-type-99=Invalid_argument");
        }
    }

    @Test
    void aFloodOfDescriptorsIsReturnedOrClosedNeverLeaked() throws Exception {
        PythonPeer.assumeAvailable("cpython");
        int before = Fds.openCount();
        long received = 0;
        long truncatedMessages = 0;
        try (PythonProcess.Connected peer = PythonProcess.connect("hostile_peer.py", "flood")) {
            for (int i = 0; i < 50; i++) {
                // Every other receive with room for 4 descriptors only: the kernel closes the other 249.
                ReceivedMessage message = i % 2 == 0
                        ? SendMsg.recv1msg(peer.connection(), 1, 0, 16)
                        : SendMsg.recv1msg(peer.connection(), 1);
                int[] fds = message.fileDescriptors();
                received += fds.length;
                truncatedMessages += message.isControlTruncated() ? 1 : 0;
                Fds.closeAll(fds);
            }
            peer.finish();
        }
        figure("hostile-flood", String.format("a CPython peer sent 50 messages of 253 descriptors (12,650); the receiver"
                + " took %,d, %d messages cut to 4 (MSG_CTRUNC); open descriptors %d before, %d after", received,
                truncatedMessages, before, Fds.openCount()));
        assertThat(received).isEqualTo(25 * 4 + 25 * 253);
        assertThat(truncatedMessages).isEqualTo(25);
        assertThat(Fds.openCount()).as("open descriptors after the flood").isEqualTo(before);
    }

    @Test
    void aPeerThatDiesInsideAFrameLeavesAnEofAndNoDescriptor() throws Exception {
        PythonPeer.assumeAvailable("cpython");
        try (PythonProcess.Connected peer = PythonProcess.connect("hostile_peer.py", "die")) {
            assertThat(peer.finishQuietly()).isEqualTo("ok died");
            long before = openSockets();
            assertThatThrownBy(() -> Frames.receive(peer.connection(), 4096))
                    .isInstanceOf(EOFException.class).hasMessageContaining("10 bytes into a 1000-byte");
            long after = openSockets();
            figure("hostile-death", "a CPython peer died 10 bytes into a 1000-byte frame carrying a socket: the receiver"
                    + " got EOFException; open sockets " + before + " before the receive, " + after + " after");
            assertThat(after).as("the frame's socket was closed by the library").isEqualTo(before);
        }
    }

    private static long openSockets() {
        return Fds.open().values().stream().filter(target -> target.startsWith("socket:")).count();
    }

    private static void figure(String name, String text) throws IOException {
        String line = "FIGURE " + name + ": " + text;
        System.out.println(line);
        Path file = Path.of(System.getProperty("basedir", "."), "target", "reliability", "figures.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
