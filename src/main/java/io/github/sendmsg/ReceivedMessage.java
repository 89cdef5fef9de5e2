package io.github.sendmsg;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code recvmsg} returned: the bytes, the message flags and the ancillary data.
 *
 * <p>The components are in the order of Twisted's how-to, {@code (data, flags, ancillary)}.
 * {@code flags} holds what the kernel reported, such as {@link SendMsg#MSG_CTRUNC} when ancillary
 * data was cut to fit the buffer or {@link SendMsg#MSG_TRUNC} when a datagram was; bits the library
 * itself asked for ({@code MSG_CMSG_CLOEXEC}) are not shown unless the caller asked for them too.
 *
 * <p><b>Ownership:</b> every descriptor in {@link #installedDescriptors()} was installed in this process
 * by the receive and belongs to the caller, who must close it: the ones the sender passed
 * ({@link #fileDescriptors()}, {@code SCM_RIGHTS}) and, when {@code SO_PASSPIDFD} is on, the sender's
 * pidfd ({@code SCM_PIDFD}). The record does not copy {@code data}.
 *
 * @param data      the bytes received; empty at end of stream
 * @param flags     the {@code msg_flags} the kernel returned
 * @param ancillary the control messages received, in order; empty when there were none
 */
public record ReceivedMessage(byte[] data, int flags, List<ControlMessage> ancillary) {

    /**
     * Makes a received message.
     *
     * @throws NullPointerException if {@code data} or {@code ancillary} (or an item of it) is null
     */
    public ReceivedMessage {
        Objects.requireNonNull(data, "data");
        ancillary = List.copyOf(ancillary);
    }

    /**
     * Every descriptor the sender passed, across all {@code SCM_RIGHTS} messages, in order. With
     * {@code SO_PASSPIDFD} on, the sender's pidfd is not among them: close
     * {@link #installedDescriptors()} to close everything the receive installed.
     *
     * @return a new array; empty when none arrived. The descriptors belong to the caller.
     */
    public int[] fileDescriptors() {
        return fileDescriptors(ancillary);
    }

    /**
     * Every descriptor the receive installed in this process, in the order of the control messages:
     * those of {@link #fileDescriptors()} and a pidfd ({@code SCM_PIDFD}) when {@code SO_PASSPIDFD} is
     * on. Closing all of these leaves nothing open.
     *
     * @return a new array; the descriptors belong to the caller
     */
    public int[] installedDescriptors() {
        return installedDescriptors(ancillary);
    }

    /** Every descriptor of every control message of {@code ancillary} that installs descriptors, in order. */
    static int[] installedDescriptors(List<ControlMessage> ancillary) {
        int[] all = new int[0];
        for (ControlMessage message : ancillary) {
            int[] some = message.installedDescriptors();
            if (some.length > 0) {
                int[] joined = Arrays.copyOf(all, all.length + some.length);
                System.arraycopy(some, 0, joined, all.length, some.length);
                all = joined;
            }
        }
        return all;
    }

    /** Every descriptor in every {@code SCM_RIGHTS} message of {@code ancillary}, in order. */
    static int[] fileDescriptors(List<ControlMessage> ancillary) {
        int[] all = new int[0];
        for (ControlMessage message : ancillary) {
            if (message.isRights()) {
                int[] some = message.fileDescriptors();
                int[] joined = Arrays.copyOf(all, all.length + some.length);
                System.arraycopy(some, 0, joined, all.length, some.length);
                all = joined;
            }
        }
        return all;
    }

    /**
     * The ancillary data as typed values, in order: {@link Ancillary.Rights}, {@link Credentials},
     * {@link Ancillary.PidFd}, {@link Ancillary.Unknown}.
     *
     * @return a typed value per control message
     */
    public List<Ancillary> typed() {
        return ancillary.stream().map(Ancillary::decode).toList();
    }

    /** {@return true if the kernel cut the ancillary data to fit ({@code MSG_CTRUNC}): descriptors were lost} */
    public boolean isControlTruncated() {
        return (flags & SendMsg.MSG_CTRUNC) != 0;
    }

    /** {@return true if the kernel cut a datagram or record to fit ({@code MSG_TRUNC})} */
    public boolean isTruncated() {
        return (flags & SendMsg.MSG_TRUNC) != 0;
    }

    /** Equal when the data bytes, the flags and the ancillary data are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedMessage that
                && flags == that.flags && Arrays.equals(data, that.data) && ancillary.equals(that.ancillary);
    }

    @Override
    public int hashCode() {
        return (31 * Arrays.hashCode(data) + flags) * 31 + ancillary.hashCode();
    }

    @Override
    public String toString() {
        return "ReceivedMessage[data=" + data.length + " bytes, flags=" + flags + ", ancillary=" + ancillary + "]";
    }
}
