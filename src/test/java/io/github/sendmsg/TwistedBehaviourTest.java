package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What Twisted's own {@code test_sendmsg.py} checks, against the Java layer: a stream socket pair, as
 * Twisted's fixture uses. The cross-process case ({@code test_sendSubProcessFD}) is in
 * {@link ChildProcessHandoffTest}.
 */
@ExtendWith(NoFdLeaks.class)
class TwistedBehaviourTest {

    private int input;
    private int output;

    @BeforeEach
    void connect() throws ErrnoException {
        int[] pair = Posix.socketpair();
        input = pair[0];
        output = pair[1];
    }

    @AfterEach
    void close() {
        Fds.closeAll(input, output);
    }

    /** Closes {@code fd} now; returns it, still usable as a closed number, and keeps @AfterEach off it. */
    private int closeNow(int fd) throws ErrnoException {
        Posix.close(fd);
        if (fd == input) {
            input = -1;
        } else {
            output = -1;
        }
        return fd;
    }

    // edge case 4: a closed descriptor gives EBADF
    @Test
    void sendOnAClosedSocketFailsWithEbadf() throws ErrnoException {
        int closed = closeNow(input);
        assertThatThrownBy(() -> SendMsg.send1msg(closed, "hello, world!".getBytes()))
                .isInstanceOfSatisfying(ErrnoException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EBADF");
                    assertThat(e.errno()).isEqualTo(9);
                    assertThat(e.call()).isEqualTo("sendmsg");
                    assertThat(e).hasMessage("sendmsg(fd " + closed + ") failed: EBADF (errno 9, Bad file descriptor)");
                    assertThat(e.fd()).as("the descriptor the call was made on").isEqualTo(closed);
                });
    }

    @Test
    void sendWithAControlMessageOnAClosedSocketFailsWithEbadf() throws ErrnoException {
        int closed = closeNow(input);
        List<ControlMessage> junk = List.of(new ControlMessage(0, 0, "0123".getBytes()));
        assertThatThrownBy(() -> SendMsg.send1msg(closed, "hello, world!".getBytes(), 0, junk))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EBADF"));
    }

    // edge case 1
    @Test
    void roundTripReturnsTheLengthAndDeliversTheBytesWithNoFlagsAndNoAncillaryData() throws ErrnoException {
        byte[] data = "hello, world!".getBytes();
        int sent = SendMsg.send1msg(input, data);
        ReceivedMessage received = SendMsg.recv1msg(output);

        assertThat(sent).as("bytes sent").isEqualTo(data.length);
        assertThat(received.data()).as("bytes received").isEqualTo(data);
        assertThat(received.flags()).as("flags").isZero();
        assertThat(received.ancillary()).as("ancillary data").isEmpty();
    }

    @Test
    void anExplicitEmptyAncillaryListIsTheDefault() throws ErrnoException {
        byte[] data = "hello, world!".getBytes();
        int sent = SendMsg.sendmsg(input, data, List.of(), 0);
        ReceivedMessage received = SendMsg.recvmsg(output, 8192, 4096, 0);

        assertThat(sent).isEqualTo(data.length);
        assertThat(received).isEqualTo(new ReceivedMessage(data, 0, List.of()));
    }

    // edge case 3
    @Test
    void aShortSendOnANonBlockingSocketDeliversExactlyTheBytesItCounted() throws ErrnoException {
        int[] pair = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM | SendMsg.SOCK_NONBLOCK);
        try {
            byte[] data = new byte[16 * 1024 * 1024];
            Arrays.fill(data, (byte) 'x');
            int sent = SendMsg.send1msg(pair[0], data);
            assertThat(sent).as("a 16 MiB send into a socket buffer far smaller").isLessThan(data.length).isPositive();

            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (true) {
                try {
                    received.writeBytes(SendMsg.recv1msg(pair[1], 1 << 20, SendMsg.MSG_DONTWAIT).data());
                } catch (ErrnoException drained) {
                    assertThat(drained.errnoName()).isEqualTo("EAGAIN");
                    break;
                }
            }
            assertThat(received.size()).as("bytes the peer received").isEqualTo(sent);
        } finally {
            Fds.closeAll(pair);
        }
    }

    @Test
    void dontWaitOnAFullSocketFailsWithEagainInsteadOfBlocking() {
        byte[] kilobyte = new byte[1024];
        assertThatThrownBy(() -> {
            for (int i = 0; i < 8192; i++) {
                SendMsg.send1msg(input, kilobyte, SendMsg.MSG_DONTWAIT);
            }
        }).as("8 MiB of 1 KiB sends fill any socket buffer")
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EAGAIN"));
    }

    @Test
    void dontWaitOnAnEmptySocketFailsWithEagain() {
        assertThatThrownBy(() -> SendMsg.recv1msg(input, 1024, SendMsg.MSG_DONTWAIT))
                .isInstanceOfSatisfying(ErrnoException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EAGAIN");
                    assertThat(e.call()).isEqualTo("recvmsg");
                });
    }

    @Test
    void receiveOnAClosedSocketFailsWithEbadf() throws ErrnoException {
        int closed = closeNow(output);
        assertThatThrownBy(() -> SendMsg.recv1msg(closed))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EBADF"));
    }

    // edge case 26: EOF after the peer closed
    @Test
    void receiveAfterThePeerClosedReturnsEndOfStream() throws ErrnoException {
        closeNow(input);
        ReceivedMessage eof = SendMsg.recv1msg(output);
        assertThat(eof.data()).as("data at end of stream").isEmpty();
        assertThat(eof.ancillary()).isEmpty();
        assertThat(eof.flags()).isZero();
    }

    // edge case 26: EPIPE without a signal
    @Test
    void sendAfterThePeerClosedFailsWithEpipeAndRaisesNoSignal() throws ErrnoException {
        closeNow(output);
        assertThatThrownBy(() -> SendMsg.send1msg(input, "x".getBytes()))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EPIPE"));
    }

    // edge case 4: a non-socket gives ENOTSOCK
    @Test
    void sendOnAPipeFailsWithEnotsock() throws ErrnoException {
        int[] pipe = Posix.pipe();
        try {
            assertThatThrownBy(() -> SendMsg.send1msg(pipe[1], "x".getBytes()))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOTSOCK"));
        } finally {
            Fds.closeAll(pipe);
        }
    }

    @Test
    void receiveReturnsAtMostMaxSizeBytesAndLeavesTheRestQueued() throws ErrnoException {
        SendMsg.send1msg(input, "Hello, world".getBytes());
        assertThat(new String(SendMsg.recv1msg(output, 5).data(), StandardCharsets.US_ASCII)).isEqualTo("Hello");
        assertThat(new String(SendMsg.recv1msg(output, 1024).data(), StandardCharsets.US_ASCII)).isEqualTo(", world");
    }

    // edge case 29
    @Test
    void getSocketFamilyTellsUnixFromInetFromInet6() throws ErrnoException {
        assertThat(SendMsg.getSocketFamily(input)).as("a socket pair").isEqualTo(SendMsg.AF_UNIX);
        int inet = Posix.socket(SendMsg.AF_INET, SendMsg.SOCK_STREAM);
        try {
            assertThat(SendMsg.getSocketFamily(inet)).isEqualTo(SendMsg.AF_INET);
        } finally {
            Posix.close(inet);
        }
        int inet6;
        try {
            inet6 = Posix.socket(SendMsg.AF_INET6, SendMsg.SOCK_STREAM);
        } catch (ErrnoException noIpv6) {
            org.junit.jupiter.api.Assumptions.abort("IPv6 is not available here: " + noIpv6.getMessage());
            return;
        }
        try {
            assertThat(SendMsg.getSocketFamily(inet6)).isEqualTo(SendMsg.AF_INET6);
        } finally {
            Posix.close(inet6);
        }
    }

    // edge case 29: a bad descriptor gives EBADF
    @Test
    void getSocketFamilyOfAClosedDescriptorFailsWithEbadf() throws ErrnoException {
        int closed = closeNow(input);
        assertThatThrownBy(() -> SendMsg.getSocketFamily(closed))
                .isInstanceOfSatisfying(ErrnoException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EBADF");
                    assertThat(e.call()).isEqualTo("getsockname");
                });
    }

    @Test
    void constantsHaveTheLinuxValues() {
        assertThat(new int[] {SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, SendMsg.SCM_CREDENTIALS, SendMsg.AF_UNIX,
                SendMsg.AF_INET, SendMsg.AF_INET6, SendMsg.SOCK_STREAM, SendMsg.SOCK_DGRAM, SendMsg.SOCK_SEQPACKET,
                SendMsg.MSG_PEEK, SendMsg.MSG_DONTWAIT, SendMsg.MSG_WAITALL, SendMsg.MSG_TRUNC, SendMsg.MSG_CTRUNC,
                SendMsg.MSG_NOSIGNAL, SendMsg.MSG_CMSG_CLOEXEC})
                .containsExactly(1, 1, 2, 1, 2, 10, 1, 2, 5, 2, 0x40, 0x100, 0x20, 0x8, 0x4000, 0x40000000);
    }

    @Test
    void cmsgSizesFollowTheLinuxMacros() {
        assertThat(SendMsg.CMSG_LEN(0)).isEqualTo(16);
        assertThat(SendMsg.CMSG_LEN(4)).isEqualTo(20);
        assertThat(SendMsg.CMSG_SPACE(0)).isEqualTo(16);
        assertThat(SendMsg.CMSG_SPACE(4)).as("one descriptor").isEqualTo(24);
        assertThat(SendMsg.CMSG_SPACE(4096)).as("Twisted's default control buffer").isEqualTo(4112);
        assertThat(SendMsg.CMSG_SPACE(253 * 4)).as("SCM_MAX_FD descriptors").isEqualTo(1032);
        assertThatThrownBy(() -> SendMsg.CMSG_SPACE(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendMsg.CMSG_LEN(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit in an int");
    }
}
