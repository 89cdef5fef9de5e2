package io.github.sendmsg;

import java.util.List;
import java.util.Objects;

/**
 * What a scatter receive into the caller's buffers returned (Python's {@code recvmsg_into}): the
 * byte count, the flags, the ancillary data and the sender's address.
 *
 * <p><b>Ownership:</b> every descriptor in {@link #fileDescriptors()} is new in this process,
 * close-on-exec, and the caller's to close.
 *
 * @param bytes     how many bytes were received into the buffers, in order; 0 at end of stream. On a
 *                  datagram socket with {@link SendMsg#MSG_TRUNC} among the flags asked for, the
 *                  datagram's full length, which may exceed what the buffers hold.
 * @param flags     the {@code msg_flags} the kernel returned ({@link SendMsg#MSG_TRUNC},
 *                  {@link SendMsg#MSG_CTRUNC} …)
 * @param ancillary the control messages received, in order
 * @param address   the sender's {@code AF_UNIX} address: a path, or {@code "@name"} for an abstract
 *                  name; null when the sending socket has no name (an unbound socket, or either end of
 *                  a socket pair). A connected socket reports its peer's name if the peer has one.
 */
public record ReceiveResult(long bytes, int flags, List<ControlMessage> ancillary, String address) {

    /**
     * Makes a result; the ancillary list is copied.
     *
     * @throws NullPointerException if {@code ancillary} or an item of it is null
     */
    public ReceiveResult {
        ancillary = List.copyOf(Objects.requireNonNull(ancillary, "ancillary"));
    }

    /** Every descriptor received, in order; a new array. The descriptors are the caller's to close. */
    public int[] fileDescriptors() {
        return ReceivedMessage.fileDescriptors(ancillary);
    }

    /** The ancillary data as typed values, in order. */
    public List<Ancillary> typed() {
        return ancillary.stream().map(Ancillary::decode).toList();
    }

    /** True if ancillary data was cut to fit ({@code MSG_CTRUNC}): descriptors were lost. */
    public boolean isControlTruncated() {
        return (flags & SendMsg.MSG_CTRUNC) != 0;
    }

    /** True if a datagram or record was cut to fit ({@code MSG_TRUNC}). */
    public boolean isTruncated() {
        return (flags & SendMsg.MSG_TRUNC) != 0;
    }
}
