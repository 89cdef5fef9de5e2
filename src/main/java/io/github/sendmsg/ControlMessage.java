package io.github.sendmsg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One item of ancillary data: Twisted's {@code (level, type, data)} three-tuple.
 *
 * <p>To copy descriptors into the receiving process, send {@link #rights(int...)}: a message at
 * {@link SendMsg#SOL_SOCKET} of type {@link SendMsg#SCM_RIGHTS} whose data is the descriptor numbers
 * as native-order 32-bit ints, exactly what Python's {@code struct.pack("i", fd)} makes.
 * {@snippet :
 * int[] pair = Posix.socketpair();
 * int[] pipe = Posix.pipe();
 * SendMsg.send1msg(pair[0], new byte[] {0}, 0, List.of(ControlMessage.rights(pipe[0])));
 * }
 *
 * <p>Equality is by value: two messages are equal when level, type and the bytes of data are. The
 * record does not copy {@code data}: the array passed in is the one {@link #data()} returns.
 *
 * @param level the protocol level, such as {@link SendMsg#SOL_SOCKET}
 * @param type  the message type at that level, such as {@link SendMsg#SCM_RIGHTS}
 * @param data  the message's data bytes, without header or padding
 */
public record ControlMessage(int level, int type, byte[] data) {

    /**
     * Makes a control message.
     *
     * @throws NullPointerException if {@code data} is null
     */
    public ControlMessage {
        Objects.requireNonNull(data, "data");
    }

    /**
     * An {@code SCM_RIGHTS} message that copies the given descriptors into the receiving process.
     *
     * <p>Ownership: the descriptors stay the caller's; sending copies them (as {@code dup(2)} would) and
     * the caller may close its own at once after the send returns.
     *
     * @param fds the descriptors to copy, in order; may be empty (the kernel then delivers none)
     * @return the {@code SCM_RIGHTS} message
     * @throws NullPointerException     if {@code fds} is null
     * @throws IllegalArgumentException if a descriptor is negative, or there are more than
     *                                  {@value SendMsg#SCM_MAX_FD}, the most Linux takes in one message
     */
    public static ControlMessage rights(int... fds) {
        Objects.requireNonNull(fds, "fds");
        if (fds.length > SendMsg.SCM_MAX_FD) {
            throw new IllegalArgumentException("at most " + SendMsg.SCM_MAX_FD
                    + " descriptors fit in one message (Linux SCM_MAX_FD), not " + fds.length);
        }
        ByteBuffer data = ByteBuffer.allocate(fds.length * Integer.BYTES).order(ByteOrder.nativeOrder());
        for (int fd : fds) {
            if (fd < 0) {
                throw new IllegalArgumentException("a descriptor must be >= 0, not " + fd + " in " + Arrays.toString(fds));
            }
            data.putInt(fd);
        }
        return new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, data.array());
    }

    /** {@return true if this is an {@code SCM_RIGHTS} message at {@code SOL_SOCKET}} */
    public boolean isRights() {
        return level == SendMsg.SOL_SOCKET && type == SendMsg.SCM_RIGHTS;
    }

    /**
     * Decodes the descriptor numbers of an {@code SCM_RIGHTS} message, in order. Only whole 32-bit
     * ints count: trailing bytes that cannot form one are ignored, never turned into a descriptor.
     *
     * <p>Ownership: for a received message the descriptors are open in this process and belong to
     * the caller, who must close them.
     *
     * @return a new array with the descriptors; empty if the data holds none
     * @throws IllegalStateException if this is not an {@code SCM_RIGHTS} message
     */
    public int[] fileDescriptors() {
        if (!isRights()) {
            throw new IllegalStateException("not an SCM_RIGHTS message: level " + level + ", type " + type);
        }
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        int[] fds = new int[data.length / Integer.BYTES];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = buffer.getInt();
        }
        return fds;
    }

    /**
     * True for the kinds with which the kernel installs descriptors in the receiving process:
     * {@code SCM_RIGHTS} and {@code SCM_PIDFD} (when {@code SO_PASSPIDFD} is on). Every other kind is
     * only data.
     *
     * @return true for {@code SCM_RIGHTS} and {@code SCM_PIDFD}
     */
    public boolean installsDescriptors() {
        return level == SendMsg.SOL_SOCKET && (type == SendMsg.SCM_RIGHTS || type == SendMsg.SCM_PIDFD);
    }

    /**
     * The descriptors the kernel installed with this message when it was received, in order: those of
     * an {@code SCM_RIGHTS} message, or the pidfd of an {@code SCM_PIDFD} one; empty for any other
     * kind. Only whole ints count.
     *
     * @return a new array; the descriptors of a received message belong to the caller
     */
    public int[] installedDescriptors() {
        if (!installsDescriptors()) {
            return new int[0];
        }
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        int[] fds = new int[type == SendMsg.SCM_PIDFD ? Math.min(1, data.length / Integer.BYTES) : data.length / Integer.BYTES];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = buffer.getInt();
        }
        return fds;
    }

    /** Equal when level, type and the contents of data are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ControlMessage that
                && level == that.level && type == that.type && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return (31 * level + type) * 31 + Arrays.hashCode(data);
    }

    /** Shows level, type and the data in hex, such as {@code ControlMessage[level=1, type=1, data=05000000]}. */
    @Override
    public String toString() {
        return "ControlMessage[level=" + level + ", type=" + type + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
