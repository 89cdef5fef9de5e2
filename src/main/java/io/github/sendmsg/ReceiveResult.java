package io.github.sendmsg;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * What a scatter receive into the caller's buffers returned (Python's {@code recvmsg_into}): the
 * byte count, the flags, the ancillary data and the sender's address.
 *
 * <p><b>Ownership:</b> every descriptor in {@link #installedDescriptors()} is new in this process,
 * close-on-exec, and the caller's to close: those the sender passed ({@link #fileDescriptors()}) and,
 * with {@code SO_PASSPIDFD} on, the sender's pidfd.
 *
 * @param bytes     how many bytes were received into the buffers, in order; 0 at end of stream. On a
 *                  datagram socket with {@link SendMsg#MSG_TRUNC} among the flags asked for, the
 *                  datagram's full length, which may exceed what the buffers hold.
 * @param flags     the {@code msg_flags} the kernel returned ({@link SendMsg#MSG_TRUNC},
 *                  {@link SendMsg#MSG_CTRUNC} …)
 * @param ancillary the control messages received, in order
 * @param sender    the sender's address, read by its family: a {@link UnixAddress} (its exact bytes)
 *                  on an {@code AF_UNIX} socket, an {@link InetSocketAddress} on {@code AF_INET} and
 *                  {@code AF_INET6}; null when the sending socket has no name (an unbound socket,
 *                  either end of a socket pair) or the family is another. A connected socket reports
 *                  its peer's name if the peer has one.
 */
public record ReceiveResult(long bytes, int flags, List<ControlMessage> ancillary, SocketAddress sender) {

    /**
     * Makes a result; the ancillary list is copied.
     *
     * @throws NullPointerException if {@code ancillary} or an item of it is null
     */
    public ReceiveResult {
        ancillary = List.copyOf(Objects.requireNonNull(ancillary, "ancillary"));
    }

    /**
     * Makes a result with an {@code AF_UNIX} sender given in its {@code String} form.
     *
     * @param bytes     the bytes received
     * @param flags     the {@code msg_flags} the kernel returned
     * @param ancillary the control messages received
     * @param address a path or {@code "@name"}, or null for none
     * @throws NullPointerException     if {@code ancillary} or an item of it is null
     * @throws IllegalArgumentException if {@code address} cannot be an {@code AF_UNIX} address
     */
    public ReceiveResult(long bytes, int flags, List<ControlMessage> ancillary, String address) {
        this(bytes, flags, ancillary, address == null ? null : UnixAddress.of(address));
    }

    /**
     * The {@code AF_UNIX} sender's address in its {@code String} form: a path, or {@code "@name"} for
     * an abstract name, bytes that are not UTF-8 written as U+DC80 to U+DCFF; given back as a
     * destination it reaches the same socket. Null when there is no name, and for a sender of another
     * family (an {@code AF_INET} one is {@link #sender()}, an {@link InetSocketAddress}).
     *
     * @return the sender's name, or null
     */
    public String address() {
        return sender instanceof UnixAddress unix ? unix.asString() : null;
    }

    /** {@return every descriptor the sender passed ({@code SCM_RIGHTS}), in order; a new array. The caller's to close} */
    public int[] fileDescriptors() {
        return ReceivedMessage.fileDescriptors(ancillary);
    }

    /**
     * Every descriptor the receive installed, in order: those of {@link #fileDescriptors()} and a pidfd
     * when {@code SO_PASSPIDFD} is on. A new array; the caller's to close.
     *
     * @return the descriptors, in order
     */
    public int[] installedDescriptors() {
        return ReceivedMessage.installedDescriptors(ancillary);
    }

    /** {@return the ancillary data as typed values, in order} */
    public List<Ancillary> typed() {
        return ancillary.stream().map(Ancillary::decode).toList();
    }

    /** {@return true if ancillary data was cut to fit ({@code MSG_CTRUNC}): descriptors were lost} */
    public boolean isControlTruncated() {
        return (flags & SendMsg.MSG_CTRUNC) != 0;
    }

    /** {@return true if a datagram or record was cut to fit ({@code MSG_TRUNC})} */
    public boolean isTruncated() {
        return (flags & SendMsg.MSG_TRUNC) != 0;
    }
}
