package io.github.sendmsg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edges a peer or the JVM can push a receive to: a batch's slots the last call did not fill, a
 * frame that tries to fill this process's descriptor table, and running out of heap after the kernel
 * installed descriptors.
 */
@ExtendWith(NoFdLeaks.class)
class HardeningEdgesTest {

    private final List<Integer> toClose = new ArrayList<>();

    @Test
    void aBatchReportsNothingForMessagesItsLastCallDidNotFill() throws Exception {
        int[] pair = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        try (Arena arena = Arena.ofConfined(); MessageBatch batch = MessageBatch.allocate(3, 1, SendMsg.CMSG_SPACE(4))) {
            for (int i = 0; i < 3; i++) {
                batch.message(i).setBuffer(arena.allocate(8));
            }
            for (int i = 0; i < 3; i++) {
                SendMsg.send1msg(pair[0], "abc".getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(batch.receive(pair[1], 3, SendMsg.MSG_DONTWAIT)).isEqualTo(3);
            SendMsg.send1msg(pair[0], "z".getBytes(StandardCharsets.US_ASCII));

            assertThat(batch.receive(pair[1], 3, SendMsg.MSG_DONTWAIT)).isEqualTo(1);

            assertThat(batch.length(0)).isEqualTo(1);
            assertThat(batch.length(1)).as("a slot the last receive did not fill").isZero();
            assertThat(batch.length(2)).isZero();
            assertThat(batch.message(1).flags()).isZero();
            assertThat(batch.message(1).fileDescriptorCount()).isZero();
        } finally {
            Fds.closeAll(pair);
        }
    }

    @Test
    void aFrameWithMoreDescriptorsThanTheLimitIsRefusedWithEveryOneClosed() throws Exception {
        int[] pair = Posix.socketpair();
        int[] pipe = Posix.pipe();
        try {
            int before = Fds.openCount();
            // A hostile peer: a 100-byte frame whose every byte is a send of its own with a descriptor.
            SendMsg.send1msg(pair[0], ByteBuffer.allocate(4).putInt(0, 100).array());
            Thread peer = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        SendMsg.send1msg(pair[0], new byte[] {(byte) i}, 0, List.of(ControlMessage.rights(pipe[0])));
                    }
                } catch (ErrnoException stopped) {
                    // EPIPE once the receiver gave up on the stream and closed it
                }
            });
            assertThatThrownBy(() -> Frames.receive(pair[1], 1000, 10)).isInstanceOf(IOException.class)
                    .hasMessageContaining("more than 10 descriptors");
            int count = Fds.openCount();
            Posix.close(pair[1]);   // the stream is out of step: the receiver drops it, and the peer stops
            pair[1] = -1;
            peer.join();
            assertThat(count).as("every descriptor of the refused frame was closed").isEqualTo(before);
        } finally {
            Fds.closeAll(pair);
            Fds.closeAll(pipe);
        }
    }

    @Test
    void aFrameWithinTheDescriptorLimitArrivesWithAllOfThem() throws Exception {
        int[] pair = Posix.socketpair();
        int[] pipe = Posix.pipe();
        try {
            SendMsg.send1msg(pair[0], ByteBuffer.allocate(4).putInt(0, 3).array());
            for (int i = 0; i < 3; i++) {
                SendMsg.send1msg(pair[0], new byte[] {(byte) ('a' + i)}, 0, List.of(ControlMessage.rights(pipe[0])));
            }
            ReceivedMessage frame = Frames.receive(pair[1], 1000, 3);
            assertThat(new String(frame.data(), StandardCharsets.US_ASCII)).isEqualTo("abc");
            assertThat(frame.fileDescriptors()).hasSize(3);
            Fds.closeAll(frame.fileDescriptors());
        } finally {
            Fds.closeAll(pair);
            Fds.closeAll(pipe);
        }
    }

    // edge case 27
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void runningOutOfHeapAfterTheKernelInstalledDescriptorsClosesThem() throws Exception {
        String classPath = System.getProperty("sendmsg.test.classpath", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx64m", "-XX:MaxDirectMemorySize=1g", "-Xshare:auto", "-cp", classPath,
                OutOfMemoryChild.class.getName()).start();
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
        Fds.closePipes(child);
        assertThat(child.exitValue()).as("the child's exit code; stderr:%n%s", stderr).isZero();
        assertThat(stdout).as("a 64 MiB heap cannot hold 200 MiB, and the two received descriptors were closed")
                .isEqualTo("oom=true leaked=0");
    }
}
