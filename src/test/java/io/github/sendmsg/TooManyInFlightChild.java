package io.github.sendmsg;

import java.util.List;

/**
 * Child of {@link ResourcePressureTest}, started as an unprivileged user with a low
 * {@code RLIMIT_NOFILE}: keeps sending a descriptor over a socket pair nobody reads until the kernel
 * refuses. Prints {@code sent=N error=<errno name> call=<call>} and exits 0.
 */
public final class TooManyInFlightChild {

    private TooManyInFlightChild() {
    }

    /**
     * @param args ignored
     * @throws Exception on any failure other than the expected refusal
     */
    public static void main(String[] args) throws Exception {
        int[] pair = Posix.socketpair();
        int[] pipe = Posix.pipe();
        List<ControlMessage> rights = List.of(ControlMessage.rights(pipe[0]));
        int sent = 0;
        try {
            while (sent < 100_000) {
                SendMsg.send1msg(pair[0], new byte[] {1}, SendMsg.MSG_DONTWAIT, rights);
                sent++;
            }
            System.out.println("sent=" + sent + " error=none call=none");
        } catch (ErrnoException refused) {
            System.out.println("sent=" + sent + " error=" + refused.errnoName() + " call=" + refused.call());
        }
    }
}
