package io.github.sendmsg;

import java.util.ArrayList;
import java.util.List;

/**
 * Child of {@link ResourcePressureTest}, started under a low {@code RLIMIT_NOFILE}: fills its
 * descriptor table up to two free slots, then receives a message carrying more descriptors than fit.
 * Prints {@code received=N ctrunc=true|false} and exits 0 if the receive neither crashed nor threw.
 */
public final class NearFdLimitChild {

    private NearFdLimitChild() {
    }

    /**
     * @param args the parent's socket address
     * @throws Exception on any failure, which makes the exit code non-zero
     */
    public static void main(String[] args) throws Exception {
        int socket = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        Posix.connect(socket, args[0]);
        // Load every class the receive needs while there is room: loading a class opens its file.
        int[] self = Posix.socketpair();
        SendMsg.send1msg(self[0], new byte[] {1}, 0, List.of(ControlMessage.rights(self[0])));
        ReceivedMessage warm = SendMsg.recv1msg(self[1]);
        String warmReport = report(warm.fileDescriptors().length, warm.isControlTruncated());
        for (int fd : warm.fileDescriptors()) {
            Posix.close(fd);
        }
        Posix.close(self[0]);
        Posix.close(self[1]);
        if (warmReport.isEmpty()) {
            throw new AssertionError();
        }
        try {
            Posix.close(100_000);  // above any limit here: never open
        } catch (ErrnoException expected) {
            // EBADF: loads the exception's classes while there is room, as an application would have.
        }
        List<Integer> filler = new ArrayList<>();
        try {
            while (true) {
                filler.add(Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM));
            }
        } catch (ErrnoException full) {
            if (!full.errnoName().equals("EMFILE")) {
                throw full;
            }
        }
        Posix.close(filler.removeLast());
        Posix.close(filler.removeLast());
        SendMsg.send1msg(socket, "ready".getBytes());
        ReceivedMessage message = SendMsg.recv1msg(socket);
        int[] fds = message.fileDescriptors();
        for (int fd : fds) {
            Posix.close(fd);
        }
        for (int fd : filler) {
            Posix.close(fd);
        }
        System.out.println(report(fds.length, message.isControlTruncated()));
    }

    private static String report(int received, boolean truncated) {
        return "received=" + received + " ctrunc=" + truncated;
    }
}
