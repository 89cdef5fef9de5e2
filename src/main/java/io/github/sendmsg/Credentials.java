package io.github.sendmsg;

import io.github.sendmsg.internal.libc.ucred;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
    public static final int SIZE = (int) ucred.sizeof();

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
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        return new Credentials(buffer.getInt((int) ucred.pid$offset()), buffer.getInt((int) ucred.uid$offset()),
                buffer.getInt((int) ucred.gid$offset()));
    }

    /** The {@code SCM_CREDENTIALS} message that states these credentials: 12 native-order bytes. */
    @Override
    public ControlMessage toControlMessage() {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());
        buffer.putInt((int) ucred.pid$offset(), pid);
        buffer.putInt((int) ucred.uid$offset(), uid);
        buffer.putInt((int) ucred.gid$offset(), gid);
        return new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_CREDENTIALS, buffer.array());
    }
}
