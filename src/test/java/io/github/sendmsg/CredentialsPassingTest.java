package io.github.sendmsg;

import io.github.sendmsg.interop.PythonProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Credentials (edge cases 20 and 21): {@code SO_PEERCRED}, {@code SO_PASSCRED} with
 * {@code SCM_CREDENTIALS}, their order before {@code SCM_RIGHTS}, and the kernel's check of stated
 * credentials, against this process and against CPython processes, one of them unprivileged.
 */
@ExtendWith(NoFdLeaks.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CredentialsPassingTest {

    private int sender;
    private int receiver;

    @BeforeEach
    void connect() throws ErrnoException {
        int[] pair = Posix.socketpair();
        sender = pair[0];
        receiver = pair[1];
    }

    @AfterEach
    void close() {
        Fds.closeAll(sender, receiver);
    }

    /** This process's real uid and gid, from {@code /proc/self/status}. */
    static Credentials ourselves() throws IOException {
        int uid = -1;
        int gid = -1;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                uid = Integer.parseInt(line.split("\\s+")[1]);
            } else if (line.startsWith("Gid:")) {
                gid = Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        return new Credentials((int) ProcessHandle.current().pid(), uid, gid);
    }

    @Test
    void peerCredentialsOfASocketPairAreOurOwn() throws Exception {
        assertThat(SendMsg.getPeerCredentials(sender)).isEqualTo(ourselves());
        assertThat(SendMsg.getPeerCredentials(receiver)).isEqualTo(ourselves());
    }

    @Test
    void withPassCredentialsEveryMessageCarriesTheSendersCredentials() throws Exception {
        SendMsg.setPassCredentials(receiver, true);
        SendMsg.send1msg(sender, "plain".getBytes());
        ReceivedMessage message = SendMsg.recv1msg(receiver);
        assertThat(message.typed()).as("the kernel attached our credentials").containsExactly(ourselves());

        SendMsg.setPassCredentials(receiver, false);
        SendMsg.send1msg(sender, "plain".getBytes());
        assertThat(SendMsg.recv1msg(receiver).ancillary()).as("with SO_PASSCRED off").isEmpty();
    }

    @Test
    void statingOurOwnCredentialsRoundTripsExactly() throws Exception {
        SendMsg.setPassCredentials(receiver, true);
        Credentials own = ourselves();
        SendMsg.send1msg(sender, "c".getBytes(), 0, List.of(own.toControlMessage()));
        ReceivedMessage message = SendMsg.recv1msg(receiver);
        assertThat(message.ancillary()).containsExactly(own.toControlMessage());
        assertThat(Credentials.decode(message.ancillary().get(0).data())).isEqualTo(own);
    }

    @Test
    void credentialsComeBeforeRightsAndACredentialsSizedBufferDropsTheDescriptor() throws Exception {
        SendMsg.setPassCredentials(receiver, true);
        int[] pipe = Posix.pipe();
        try {
            int before = Fds.openCount();
            SendMsg.send1msg(sender, "x".getBytes(), 0, List.of(ControlMessage.rights(pipe[0])));
            ReceivedMessage message = SendMsg.recv1msg(receiver, 1024, 0, Credentials.SIZE);
            assertThat(message.typed()).as("only the credentials fit").containsExactly(ourselves());
            assertThat(message.isControlTruncated()).as("MSG_CTRUNC").isTrue();
            assertThat(Fds.openCount()).as("the dropped descriptor was never installed").isEqualTo(before);

            SendMsg.send1msg(sender, "y".getBytes(), 0, List.of(ControlMessage.rights(pipe[0])));
            ReceivedMessage both = SendMsg.recv1msg(receiver);
            assertThat(both.typed()).hasSize(2);
            assertThat(both.typed().get(0)).as("credentials first").isInstanceOf(Credentials.class);
            assertThat(both.typed().get(1)).as("then the rights").isInstanceOf(Ancillary.Rights.class);
            Fds.closeAll(both.fileDescriptors());
        } finally {
            Fds.closeAll(pipe);
        }
    }

    @Test
    void aCPythonPeersStatedCredentialsDecodeToItsPid() throws Exception {
        try (PythonProcess.Connected peer = PythonProcess.connect("credentials_peer.py", "own")) {
            SendMsg.setPassCredentials(peer.connection(), true);
            peer.start();
            ReceivedMessage message = SendMsg.recv1msg(peer.connection());
            String[] reported = peer.finish().split(" ");
            Credentials expected = new Credentials(Integer.parseInt(reported[1]), Integer.parseInt(reported[2]),
                    Integer.parseInt(reported[3]));
            assertThat(message.typed()).as("Python's struct.pack(\"3i\", pid, uid, gid)").containsExactly(expected);
            assertThat(expected.pid()).isNotEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void anUnprivilegedSenderCannotForgeCredentials() throws Exception {
        PythonProcess.assumeCanRunAsNobody();
        try (PythonProcess.Connected peer = PythonProcess.connectAsNobody("credentials_peer.py", "forged")) {
            peer.start();
            assertThat(peer.finish()).as("the kernel refused pid 1 from uid 65534").isEqualTo("ok EPERM");
        }
    }

    @Test
    void anUnprivilegedSendersRealCredentialsArrive() throws Exception {
        PythonProcess.assumeCanRunAsNobody();
        try (PythonProcess.Connected peer = PythonProcess.connectAsNobody("credentials_peer.py", "plain")) {
            SendMsg.setPassCredentials(peer.connection(), true);
            peer.start();
            ReceivedMessage message = SendMsg.recv1msg(peer.connection());
            String[] reported = peer.finish().split(" ");
            assertThat(message.typed()).singleElement().isInstanceOfSatisfying(Credentials.class, c -> {
                assertThat(c.uid()).as("uid").isEqualTo(65534);
                assertThat(c.gid()).as("gid").isEqualTo(65534);
                assertThat(c.pid()).as("pid, as the peer reports it").isEqualTo(Integer.parseInt(reported[1]));
            });
            assertThat(SendMsg.getPeerCredentials(peer.connection()).uid()).as("SO_PEERCRED uid").isEqualTo(65534);
        }
    }

    @Test
    void setPassCredentialsOnAPipeFailsWithEnotsock() throws Exception {
        int[] pipe = Posix.pipe();
        try {
            assertThatThrownBy(() -> SendMsg.setPassCredentials(pipe[0], true))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("ENOTSOCK");
                        assertThat(e.call()).isEqualTo("setsockopt(SO_PASSCRED)");
                    });
        } finally {
            Fds.closeAll(pipe);
        }
    }
}
