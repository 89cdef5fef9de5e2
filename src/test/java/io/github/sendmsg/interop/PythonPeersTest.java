package io.github.sendmsg.interop;

import io.github.sendmsg.ControlMessage;
import io.github.sendmsg.Fds;
import io.github.sendmsg.NoFdLeaks;
import io.github.sendmsg.Posix;
import io.github.sendmsg.ReceivedMessage;
import io.github.sendmsg.SendMsg;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability, both directions, with two peers no one here wrote: CPython's
 * {@code socket.sendmsg}/{@code recvmsg}, and Twisted's own {@code twisted.python.sendmsg} (the
 * library Twisted's sendmsg how-to describes). Each runs in its own Python process; descriptors really
 * cross between processes. Every test runs against both.
 */
@ExtendWith(NoFdLeaks.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PythonPeersTest {

    @TempDir
    Path workDir;

    private String namedSocket() {
        return workDir.resolve("peer.sock").toString();
    }

    private static String abstractSocket() {
        return "@sendmsg-interop-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextInt(1 << 30);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpython", "twisted"})
    void aFileThePeerOpenedIsReadThroughTheCopyJavaReceives(String library) throws Exception {
        PythonPeer.assumeAvailable(library);
        Path file = Files.writeString(workDir.resolve("data.txt"), "contents written by the test");
        try (PythonPeer peer = PythonPeer.start(library, "send-file", namedSocket(), file.toString(), workDir)) {
            ReceivedMessage message = SendMsg.recv1msg(peer.connection);
            int[] fds = message.fileDescriptors();
            try {
                assertThat(message.data()).isEqualTo("F".getBytes());
                assertThat(fds).as("one descriptor").hasSize(1);
                assertThat(Fds.target(fds[0])).as("the copy refers to the peer's file").endsWith("data.txt");
                assertThat(Fds.isCloseOnExec(fds[0])).isTrue();
                assertThat(PythonPeer.readAll(fds[0])).isEqualTo("contents written by the test");
            } finally {
                Fds.closeAll(fds);
            }
            peer.finish();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpython", "twisted"})
    void fourPipesInOneMessageArriveInOrder(String library) throws Exception {
        PythonPeer.assumeAvailable(library);
        try (PythonPeer peer = PythonPeer.start(library, "send-pipes-one-message", abstractSocket(), null, workDir)) {
            ReceivedMessage message = SendMsg.recv1msg(peer.connection);
            assertPipesInOrder(message, 4);
            peer.finish();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpython", "twisted"})
    void fourPipesInTwoMessagesArriveInOrder(String library) throws Exception {
        PythonPeer.assumeAvailable(library);
        try (PythonPeer peer = PythonPeer.start(library, "send-pipes-two-messages", namedSocket(), null, workDir)) {
            ReceivedMessage message = SendMsg.recv1msg(peer.connection);
            assertThat(message.ancillary()).as("the kernel may merge the two").hasSizeBetween(1, 2);
            assertPipesInOrder(message, 4);
            peer.finish();
        }
    }

    private static void assertPipesInOrder(ReceivedMessage message, int count) {
        int[] fds = message.fileDescriptors();
        try {
            assertThat(message.flags()).isZero();
            assertThat(fds).hasSize(count);
            for (int i = 0; i < fds.length; i++) {
                assertThat(PythonPeer.readAll(fds[i])).as("what the peer wrote into pipe %d", i).isEqualTo("pipe " + i);
            }
        } finally {
            Fds.closeAll(fds);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpython", "twisted"})
    void aControlBufferTooSmallForThePeersFourPipesReturnsTheTwoThatFit(String library) throws Exception {
        PythonPeer.assumeAvailable(library);
        try (PythonPeer peer = PythonPeer.start(library, "send-pipes-one-message", namedSocket(), null, workDir)) {
            int before = Fds.openCount();
            // CMSG_SPACE(4) is 24 bytes on Linux: room for a header and two descriptors.
            ReceivedMessage message = SendMsg.recv1msg(peer.connection, 1024, 0, 4);
            int[] fds = message.fileDescriptors();
            try {
                assertThat(message.isControlTruncated()).as("MSG_CTRUNC").isTrue();
                assertThat(fds).as("the descriptors that fit").hasSize(2);
                assertThat(Fds.openCount()).as("exactly those were installed").isEqualTo(before + 2);
                assertThat(PythonPeer.readAll(fds[0])).isEqualTo("pipe 0");
                assertThat(PythonPeer.readAll(fds[1])).isEqualTo("pipe 1");
            } finally {
                Fds.closeAll(fds);
            }
            peer.finish();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpython", "twisted"})
    void threeBytesOfADescriptorNeverBecomeOne(String library) throws Exception {
        PythonPeer.assumeAvailable(library);
        try (PythonPeer peer = PythonPeer.start(library, "send-partial-int", namedSocket(), null, workDir)) {
            int before = Fds.openCount();
            ReceivedMessage message = SendMsg.recv1msg(peer.connection);
            assertThat(message.data()).isEqualTo("x".getBytes());
            assertThat(message.fileDescriptors()).as("no descriptor from a fragment").isEmpty();
            message.ancillary().forEach(item -> assertThat(item.data().length).as("a partial int").isLessThan(4));
            assertThat(Fds.openCount()).as("nothing installed").isEqualTo(before);
            peer.finish();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpython", "twisted"})
    void emptyRightsFromThePeerDeliverTheByteAndNoControlMessage(String library) throws Exception {
        PythonPeer.assumeAvailable(library);
        try (PythonPeer peer = PythonPeer.start(library, "send-empty-rights", abstractSocket(), null, workDir)) {
            ReceivedMessage message = SendMsg.recv1msg(peer.connection);
            assertThat(message.data()).isEqualTo("e".getBytes());
            assertThat(message.ancillary()).isEmpty();
            peer.finish();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpython", "twisted"})
    void thePeerWritesThroughPipesJavaSent(String library) throws Exception {
        PythonPeer.assumeAvailable(library);
        int[][] pipes = {Posix.pipe(), Posix.pipe(), Posix.pipe()};
        int[] writeEnds = Arrays.stream(pipes).mapToInt(pipe -> pipe[1]).toArray();
        try (PythonPeer peer = PythonPeer.start(library, "receive", namedSocket(), null, workDir)) {
            SendMsg.send1msg(peer.connection, "J".getBytes(), 0, List.of(ControlMessage.rights(writeEnds)));
            Fds.closeAll(writeEnds);
            for (int i = 0; i < pipes.length; i++) {
                assertThat(PythonPeer.readAll(pipes[i][0]))
                        .as("pipe %d, read until every copy of its write end is closed", i)
                        .isEqualTo("from " + library + " " + i);
            }
            assertThat(peer.finish()).isEqualTo("ok received b'J' flags=0 fds=3");
        } finally {
            for (int[] pipe : pipes) {
                Fds.closeAll(pipe);
            }
        }
    }
}
