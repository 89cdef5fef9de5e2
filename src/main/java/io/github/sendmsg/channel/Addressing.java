package io.github.sendmsg.channel;

import io.github.sendmsg.UnixAddress;
import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.SocketAddresses;

import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Objects;

/** {@code AF_UNIX} addresses of channels, between their public types and native memory. */
final class Addressing {

    private Addressing() {
    }

    /**
     * The exact name an address stands for.
     *
     * @throws IllegalArgumentException for an address that is not an {@code AF_UNIX} one, with a hint
     */
    static UnixAddress unix(SocketAddress address) {
        Objects.requireNonNull(address, "address");
        return switch (address) {
            case UnixAddress unix -> unix;
            case UnixDomainSocketAddress path -> UnixAddress.of(path.getPath());
            case InetSocketAddress inet -> throw new IllegalArgumentException("a UnixChannel is an AF_UNIX socket: it takes a"
                    + " path or an abstract name (UnixAddress.of(\"/run/app.sock\") or UnixAddress.of(\"@name\")), not the inet"
                    + " address " + inet);
            default -> throw new IllegalArgumentException("an AF_UNIX address is a UnixAddress or a UnixDomainSocketAddress, not a "
                    + address.getClass().getName());
        };
    }

    /** Writes {@code address} at {@code target} and returns its length. */
    static int encode(MemorySegment target, SocketAddress address) {
        return SocketAddresses.encodeUnix(target, unix(address).sunPath());
    }

    /** The sender's name a receive wrote at {@code name}: a {@link UnixAddress}, or null for none. */
    static SocketAddress decode(MemorySegment name, int length) {
        if (SocketAddresses.family(name, length) != Constants.AF_UNIX) {
            return null;
        }
        byte[] sunPath = SocketAddresses.decodeUnix(name, length);
        return sunPath == null || sunPath.length == 0 ? null : UnixAddress.ofSunPath(sunPath);
    }
}
