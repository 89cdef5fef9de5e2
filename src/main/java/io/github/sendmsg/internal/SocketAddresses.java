package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.in6_addr;
import io.github.sendmsg.internal.libc.sockaddr_in;
import io.github.sendmsg.internal.libc.sockaddr_in6;
import io.github.sendmsg.internal.libc.sockaddr_storage;
import io.github.sendmsg.internal.libc.sockaddr_un;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Socket addresses in native memory ({@code struct sockaddr_un}, {@code sockaddr_in},
 * {@code sockaddr_in6}), read by their family, never by guesswork.
 *
 * <p>An {@code AF_UNIX} name is handled as the bytes of {@code sun_path} the kernel holds: a path
 * (without its terminating NUL), or an abstract name, which starts with a NUL byte and is exactly as
 * long as the address length says, NULs and all (unix(7)). Its {@code String} form is a path, or
 * {@code '@'} and the abstract name, in UTF-8 with {@link SurrogateEscape} for bytes that are not
 * UTF-8, so that every name a receive reports can be given back and reach the same socket.
 */
public final class SocketAddresses {

    /** {@code sizeof(struct sockaddr_storage)}: room for an address of any family. */
    public static final int CAPACITY = (int) sockaddr_storage.sizeof();
    /** How many bytes of {@code sun_path} there are. */
    public static final int SUN_PATH_SIZE = (int) sockaddr_un.sun_path$layout().byteSize();
    private static final long SUN_PATH = sockaddr_un.sun_path$offset();
    private static final ValueLayout.OfShort NETWORK_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SocketAddresses() {
    }

    /** The address family of the {@code length} bytes at {@code address}; {@code AF_UNSPEC} if too short. */
    public static int family(MemorySegment address, int length) {
        if (length < Short.BYTES) {
            return Constants.AF_UNSPEC;
        }
        return Short.toUnsignedInt(sockaddr_storage.ss_family(address));
    }

    // ---- AF_UNIX ----

    /**
     * Writes an {@code AF_UNIX} address whose {@code sun_path} holds {@code sunPath} and returns its
     * length: for a path the bytes and a terminating NUL, for an abstract name (a leading NUL) exactly
     * its bytes, with nothing added that would become part of the name.
     *
     * @throws IllegalArgumentException if the name is empty or does not fit
     */
    public static int encodeUnix(MemorySegment address, byte[] sunPath) {
        int needed = checkUnix(sunPath);
        MemorySegment sun = address.asSlice(0, sockaddr_un.sizeof());
        sun.fill((byte) 0);
        sockaddr_un.sun_family(sun, (short) Constants.AF_UNIX);
        MemorySegment.copy(sunPath, 0, sun, ValueLayout.JAVA_BYTE, SUN_PATH, sunPath.length);
        return (int) (SUN_PATH + needed);
    }

    /**
     * Checks that {@code sunPath} can be an {@code AF_UNIX} name and returns how many bytes of
     * {@code sun_path} it takes (a path's terminating NUL included).
     *
     * @throws IllegalArgumentException if the name is empty or does not fit
     */
    public static int checkUnix(byte[] sunPath) {
        boolean abstractName = sunPath.length > 0 && sunPath[0] == 0;
        int needed = abstractName ? sunPath.length : sunPath.length + 1;
        if (sunPath.length == 0) {
            throw new IllegalArgumentException("an AF_UNIX socket path must not be empty");
        }
        if (needed > SUN_PATH_SIZE) {
            throw new IllegalArgumentException("an AF_UNIX socket " + (abstractName ? "abstract name" : "path")
                    + " takes at most " + (SUN_PATH_SIZE - 1) + " bytes; this one takes " + (needed - 1) + ": "
                    + printable(sunPath));
        }
        return needed;
    }

    /**
     * The {@code sun_path} bytes of an {@code AF_UNIX} address the kernel filled in: null for none
     * (length 0), empty for an unnamed socket, an abstract name with its leading NUL and every byte the
     * length covers, or a path up to its first NUL.
     */
    public static byte[] decodeUnix(MemorySegment address, int length) {
        if (length <= 0) {
            return null;
        }
        int pathLength = (int) (Math.min(length, sockaddr_un.sizeof()) - SUN_PATH);
        if (pathLength <= 0) {
            return new byte[0];
        }
        byte[] bytes = address.asSlice(SUN_PATH, pathLength).toArray(ValueLayout.JAVA_BYTE);
        if (bytes[0] == 0) {
            return bytes;
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return Arrays.copyOf(bytes, end);
    }

    /**
     * The {@code sun_path} bytes a {@code String} form names: {@code "@name"} for an abstract name (NUL
     * is an ordinary byte there), anything else a filesystem path.
     *
     * @throws IllegalArgumentException if a path is empty or holds NUL, or the text holds a lone
     *                                  surrogate that stands for no byte
     */
    public static byte[] sunPathOf(String form) {
        if (form.startsWith("@")) {
            byte[] name = SurrogateEscape.encode(form.substring(1));
            byte[] sunPath = new byte[name.length + 1];
            System.arraycopy(name, 0, sunPath, 1, name.length);
            return sunPath;
        }
        if (form.isEmpty()) {
            throw new IllegalArgumentException("an AF_UNIX socket path must not be empty");
        }
        if (form.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an AF_UNIX socket path must not contain NUL (only an abstract name,"
                    + " written \"@name\", may): " + printable(form));
        }
        return SurrogateEscape.encode(form);
    }

    /** The {@code String} form of {@code sun_path} bytes: the inverse of {@link #sunPathOf(String)}. */
    public static String stringOf(byte[] sunPath) {
        if (sunPath.length > 0 && sunPath[0] == 0) {
            return "@" + SurrogateEscape.decode(Arrays.copyOfRange(sunPath, 1, sunPath.length));
        }
        return SurrogateEscape.decode(sunPath);
    }

    /** Writes the address a {@code String} form names; see {@link #sunPathOf(String)}. */
    public static int encodeUnix(MemorySegment address, String form) {
        return encodeUnix(address, sunPathOf(form));
    }

    // ---- AF_INET, AF_INET6 ----

    /**
     * Writes {@code address} as a {@code sockaddr_in} or {@code sockaddr_in6} and returns its length.
     *
     * @throws IllegalArgumentException if the address is unresolved
     */
    public static int encodeInet(MemorySegment target, InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("the address " + address + " is unresolved: resolve it first");
        }
        InetAddress ip = address.getAddress();
        MemorySegment storage = target.asSlice(0, CAPACITY).fill((byte) 0);
        if (ip instanceof Inet4Address) {
            sockaddr_in.sin_family(storage, (short) Constants.AF_INET);
            storage.set(NETWORK_SHORT, sockaddr_in.sin_port$offset(), (short) address.getPort());
            MemorySegment.copy(ip.getAddress(), 0, storage, ValueLayout.JAVA_BYTE, sockaddr_in.sin_addr$offset(), 4);
            return (int) sockaddr_in.sizeof();
        }
        sockaddr_in6.sin6_family(storage, (short) Constants.AF_INET6);
        storage.set(NETWORK_SHORT, sockaddr_in6.sin6_port$offset(), (short) address.getPort());
        MemorySegment.copy(ip.getAddress(), 0, storage, ValueLayout.JAVA_BYTE, sockaddr_in6.sin6_addr$offset(),
                (int) in6_addr.sizeof());
        sockaddr_in6.sin6_scope_id(storage, ((Inet6Address) ip).getScopeId());
        return (int) sockaddr_in6.sizeof();
    }

    /** An {@code AF_INET} or {@code AF_INET6} address the kernel filled in; null for another family. */
    public static InetSocketAddress decodeInet(MemorySegment address, int length) {
        int family = family(address, length);
        try {
            if (family == Constants.AF_INET && length >= sockaddr_in.sizeof()) {
                byte[] ip = address.asSlice(sockaddr_in.sin_addr$offset(), 4).toArray(ValueLayout.JAVA_BYTE);
                int port = Short.toUnsignedInt(address.get(NETWORK_SHORT, sockaddr_in.sin_port$offset()));
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            }
            if (family == Constants.AF_INET6 && length >= sockaddr_in6.sizeof()) {
                byte[] ip = address.asSlice(sockaddr_in6.sin6_addr$offset(), in6_addr.sizeof()).toArray(ValueLayout.JAVA_BYTE);
                int port = Short.toUnsignedInt(address.get(NETWORK_SHORT, sockaddr_in6.sin6_port$offset()));
                int scope = sockaddr_in6.sin6_scope_id(address);
                InetAddress inet = scope == 0 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, scope);
                return new InetSocketAddress(inet, port);
            }
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("an address of 4 or 16 bytes was refused", impossible);
        }
        return null;
    }

    private static String printable(byte[] sunPath) {
        return '"' + stringOf(sunPath).replace("\0", "\\0") + '"';
    }

    private static String printable(String form) {
        return '"' + form.replace("\0", "\\0") + '"';
    }
}
