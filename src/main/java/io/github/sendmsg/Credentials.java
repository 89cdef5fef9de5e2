package io.github.sendmsg;

import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.SocketCalls;

/**
 * A process's credentials, Linux's {@code struct ucred}: what {@code SCM_CREDENTIALS} carries and
 * what {@code SO_PEERCRED} reports.
 *
 * <p>The kernel checks credentials a sender states: an unprivileged process may only send its own
 * pid, and its own real, effective or saved uid and gid; anything else fails with {@code EPERM}.
 * A receiver sees them only if it enabled {@link SendMsg#setPassCredentials(int, boolean)}; then
 * every message carries the sender's credentials, stated or not.
 *
 * @param pid the process id
 * @param uid the user id
 * @param gid the group id
 */
public record Credentials(int pid, int uid, int gid) implements Ancillary {

    /** {@code sizeof(struct ucred)}: the data size of an {@code SCM_CREDENTIALS} message. */
    public static final int SIZE = SocketCalls.UCRED_SIZE;

    /**
     * Decodes {@code SCM_CREDENTIALS} data.
     *
     * @param data exactly {@link #SIZE} bytes, native order
     * @return the credentials
     * @throws IllegalArgumentException if {@code data} is not {@link #SIZE} bytes long
     */
    public static Credentials decode(byte[] data) {
        if (data.length != SIZE) {
            throw new IllegalArgumentException("SCM_CREDENTIALS data is " + SIZE + " bytes, not " + data.length);
        }
        int[] fields = SocketCalls.decodeCredentials(data);
        return new Credentials(fields[0], fields[1], fields[2]);
    }

    /** The {@code SCM_CREDENTIALS} message that states these credentials: 12 native-order bytes. */
    @Override
    public ControlMessage toControlMessage() {
        return new ControlMessage(Constants.SOL_SOCKET, Constants.SCM_CREDENTIALS, SocketCalls.encodeCredentials(pid, uid, gid));
    }
}
