package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong arguments fail before any system call, with a message a person can act on. */
@ExtendWith(NoFdLeaks.class)
class ArgumentsTest {

    private int[] pair;

    @BeforeEach
    void connect() throws ErrnoException {
        pair = Posix.socketpair();
    }

    @AfterEach
    void close() {
        Fds.closeAll(pair);
    }

    @Test
    void nullDataOrAncillaryIsANullPointerNamingTheArgument() {
        assertThatThrownBy(() -> SendMsg.send1msg(pair[0], null)).isInstanceOf(NullPointerException.class).hasMessage("data");
        assertThatThrownBy(() -> SendMsg.send1msg(pair[0], new byte[1], 0, null))
                .isInstanceOf(NullPointerException.class).hasMessage("ancillary");
        assertThatThrownBy(() -> SendMsg.send1msg(pair[0], new byte[1], 0, Arrays.asList((ControlMessage) null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("ancillary");
        assertThatThrownBy(() -> new ControlMessage(1, 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Posix.bind(pair[0], null)).isInstanceOf(NullPointerException.class).hasMessage("path");
    }

    @Test
    void negativeDescriptorsAndSizesAreRefused() {
        assertThatThrownBy(() -> SendMsg.send1msg(-1, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a file descriptor must be >= 0, not -1");
        assertThatThrownBy(() -> SendMsg.recv1msg(pair[1], -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxSize must be >= 0, not -1");
        assertThatThrownBy(() -> SendMsg.recv1msg(pair[1], 10, 0, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cmsgSize must be >= 0, not -5");
        assertThatThrownBy(() -> ControlMessage.rights(3, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
        assertThatThrownBy(() -> Posix.read(pair[0], -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posix.close(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aControlBufferOverTwoGigabytesIsRefusedLikeTwistedsOverflowError() {
        assertThatThrownBy(() -> SendMsg.recv1msg(pair[1], 10, 0, 0x7FFFFFFF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x7FFFFFFF");
    }

    @Test
    void aNegativeDescriptorInsideRawRightsDataIsRefused() {
        byte[] minusOne = {-1, -1, -1, -1};
        List<ControlMessage> bad = List.of(new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, minusOne));
        assertThatThrownBy(() -> SendMsg.send1msg(pair[0], new byte[1], 0, bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative descriptor: -1");
    }

    @Test
    void unixPathsThatCannotBeAddressesAreRefused() throws ErrnoException {
        int socket = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        try {
            assertThatThrownBy(() -> Posix.bind(socket, "")).hasMessageContaining("must not be empty");
            assertThatThrownBy(() -> Posix.bind(socket, "a\0b")).hasMessageContaining("NUL");
            assertThatThrownBy(() -> Posix.connect(socket, "/tmp/" + "x".repeat(200)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 107 bytes");
        } finally {
            Posix.close(socket);
        }
    }

    @Test
    void fileDescriptorsOfANonRightsMessageIsAnError() {
        assertThatThrownBy(() -> new ControlMessage(1, 2, new byte[12]).fileDescriptors())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an SCM_RIGHTS message");
    }

    @Test
    void controlMessagesCompareByValueAndDecodeOnlyWholeInts() {
        assertThat(ControlMessage.rights(5, 7)).isEqualTo(ControlMessage.rights(5, 7))
                .hasSameHashCodeAs(ControlMessage.rights(5, 7))
                .isNotEqualTo(ControlMessage.rights(7, 5));
        byte[] fiveAndAFragment = Arrays.copyOf(ControlMessage.rights(5).data(), 7);
        assertThat(new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, fiveAndAFragment).fileDescriptors())
                .as("a 3-byte fragment never becomes a descriptor").containsExactly(5);
        assertThat(ControlMessage.rights(5).toString()).isEqualTo("ControlMessage[level=1, type=1, data=05000000]");
    }
}
