package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With {@code SO_PASSPIDFD} on (Linux 6.5+), the kernel installs a pidfd of the sender in this process
 * with every message ({@code SCM_PIDFD}). It is a descriptor like a passed one: handed to the caller as
 * {@link Ancillary.PidFd}, listed by {@code installedDescriptors()}, and closed on every path where the
 * message cannot be handed over. (Issue "Hardening", fault 2.)
 */
@ExtendWith(NoFdLeaks.class)
class PidFdTest {

    private int sender;
    private int receiver;
    private final List<Integer> toClose = new ArrayList<>();

    @BeforeEach
    void connect() throws ErrnoException {
        int[] pair = Posix.socketpair();
        sender = pair[0];
        receiver = pair[1];
        try {
            SendMsg.setPassPidFd(receiver, true);
        } catch (ErrnoException e) {
            assumeTrue(false, "SO_PASSPIDFD needs Linux 6.5 or newer; this kernel says " + e.errnoName());
        }
    }

    @AfterEach
    void close() {
        Fds.closeAll(sender, receiver);
        toClose.forEach(Fds::closeAll);
    }

    /** What a pidfd's fdinfo says its process is. */
    private static long pidOf(int pidFd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(pidFd)))) {
            if (line.startsWith("Pid:")) {
                return Long.parseLong(line.substring(4).trim());
            }
        }
        throw new AssertionError("fd " + pidFd + " has no Pid: line, so it is no pidfd");
    }

    @Test
    void aPidfdArrivesTypedAndOwnedBesideThePassedDescriptors() throws Exception {
        int[] pipe = Fds.pipeReadEnds(1, toClose);
        int before = Fds.openCount();
        SendMsg.send1msg(sender, "x".getBytes(), 0, List.of(ControlMessage.rights(pipe[0])));

        ReceivedMessage message = SendMsg.recv1msg(receiver);

        assertThat(message.fileDescriptors()).as("the passed descriptor only").hasSize(1);
        assertThat(message.installedDescriptors()).as("the passed descriptor and the pidfd").hasSize(2);
        Ancillary.PidFd pidFd = message.typed().stream().filter(Ancillary.PidFd.class::isInstance)
                .map(Ancillary.PidFd.class::cast).findFirst().orElseThrow();
        assertThat(Fds.target(pidFd.fd())).as("what the pidfd is").contains("pidfd");
        assertThat(pidOf(pidFd.fd())).as("the pidfd names the sending process").isEqualTo(ProcessHandle.current().pid());
        assertThat(Fds.isCloseOnExec(pidFd.fd())).as("close-on-exec, like every received descriptor").isTrue();
        assertThat(Fds.openCount()).as("two descriptors installed").isEqualTo(before + 2);

        Fds.closeAll(message.installedDescriptors());
        assertThat(Fds.openCount()).as("closing installedDescriptors() leaves nothing open").isEqualTo(before);
    }

    @Test
    void aFrameThatIsRefusedClosesThePidfdsOfItsReads() throws Exception {
        int before = Fds.openCount();
        Frames.send(sender, new byte[100], List.of());
        assertThatThrownBy(() -> Frames.receive(receiver, 10)).isInstanceOf(IOException.class)
                .hasMessageContaining("longer than maxPayload");
        assertThat(Fds.openCount()).as("the pidfd that came with the refused frame was closed").isEqualTo(before);
    }

    @Test
    void aFrameThatArrivesHandsOverItsPidfds() throws Exception {
        int before = Fds.openCount();
        Frames.send(sender, "hello".getBytes(), List.of());
        ReceivedMessage frame = Frames.receive(receiver, 1024);
        assertThat(frame.installedDescriptors()).as("a pidfd per read of the frame").isNotEmpty();
        assertThat(frame.fileDescriptors()).as("no descriptor was passed").isEmpty();
        Fds.closeAll(frame.installedDescriptors());
        assertThat(Fds.openCount()).isEqualTo(before);
    }

    @Test
    void aScatterReceiveListsThePidfdAmongItsInstalledDescriptors() throws Exception {
        int before = Fds.openCount();
        SendMsg.send1msg(sender, "x".getBytes());
        ReceiveResult result = SendMsg.recvmsg(receiver, new ByteBuffer[] {ByteBuffer.allocate(8)}, 64, 0);
        assertThat(result.fileDescriptors()).isEmpty();
        assertThat(result.installedDescriptors()).hasSize(1);
        Fds.closeAll(result.installedDescriptors());
        assertThat(Fds.openCount()).isEqualTo(before);
    }

    @Test
    void aNativeMessageHandsOverThePidfdWithoutAllocating() throws Exception {
        try (Arena arena = Arena.ofConfined();
             NativeMessage message = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(4 * 4))) {
            int before = Fds.openCount();
            SendMsg.send1msg(sender, "x".getBytes());
            message.setBuffer(arena.allocate(8)).receive(receiver, 0);
            assertThat(message.fileDescriptorCount()).isZero();
            int pidFd = message.pidFd();
            assertThat(pidFd).as("the pidfd of the last receive").isNotNegative();
            assertThat(pidOf(pidFd)).isEqualTo(ProcessHandle.current().pid());
            Fds.closeAll(pidFd);
            assertThat(Fds.openCount()).isEqualTo(before);
        }
    }

    @Test
    void aControlBufferWithNoRoomForThePidfdDropsItWithCtruncAndInstallsNothing() throws Exception {
        int[] pipe = Fds.pipeReadEnds(1, toClose);
        int before = Fds.openCount();
        SendMsg.send1msg(sender, "x".getBytes(), 0, List.of(ControlMessage.rights(pipe[0])));
        ReceivedMessage message = SendMsg.recv1msg(receiver, 8, 0, 4);   // room for the one passed descriptor
        assertThat(message.isControlTruncated()).isTrue();
        assertThat(message.installedDescriptors()).as("the rights fit, the pidfd that comes after them does not").hasSize(1);
        Fds.closeAll(message.installedDescriptors());
        assertThat(Fds.openCount()).isEqualTo(before);
    }
}
