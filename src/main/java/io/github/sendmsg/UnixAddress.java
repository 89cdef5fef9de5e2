package io.github.sendmsg;

import io.github.sendmsg.internal.SocketAddresses;
import io.github.sendmsg.internal.SurrogateEscape;

import java.io.Serial;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * An {@code AF_UNIX} socket address as the kernel holds it: the exact bytes of {@code sun_path}. Either
 * a filesystem path, or a Linux abstract name (the bytes after a leading NUL, of which any, NUL
 * included, may be part of the name; unix(7)).
 *
 * <p>Every method that takes an address as a {@code String} ({@code "/run/app.sock"}, or
 * {@code "@name"} for an abstract name) reads it in UTF-8, with the bytes that are not UTF-8 written as
 * the characters U+DC80 to U+DCFF (Python's {@code surrogateescape}); every {@code String} a receive
 * reports is written the same way, so it can be given back and reaches the same socket. This type is
 * the same name as exact bytes, for code that builds names itself, compares them, or prints them:
 * {@link #toString()} escapes what is not printable ({@code @name\0\0\xff}).
 * {@snippet :
 * UnixAddress padded = UnixAddress.ofSunPath(bytesFromACProgram);   // e.g. "\0name" and NUL padding
 * SendMsg.sendto(socket, buffers, List.of(), 0, padded);
 * UnixAddress.of("@my-service").isAbstract();                      // true
 * }
 *
 * <p>Values: two addresses are equal when their bytes are.
 */
public final class UnixAddress extends SocketAddress {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The bytes of {@code sun_path}: a leading NUL for an abstract name; no terminating NUL for a path. */
    private final byte[] sunPath;

    private UnixAddress(byte[] sunPath) {
        this.sunPath = sunPath;
    }

    /**
     * The address a {@code String} form names: {@code "@name"} for an abstract name, anything else a
     * filesystem path, in UTF-8 (U+DC80 to U+DCFF stand for single bytes that are not UTF-8).
     *
     * @param name a path, or {@code "@"} and an abstract name
     * @return the address
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if a path is empty, holds NUL, or either does not fit in
     *                                  {@code sun_path} (107 bytes)
     */
    public static UnixAddress of(String name) {
        return checked(SocketAddresses.sunPathOf(Objects.requireNonNull(name, "name")));
    }

    /**
     * The address of a filesystem path.
     *
     * @param path a filesystem path
     * @return the address
     * @throws NullPointerException     if {@code path} is null
     * @throws IllegalArgumentException if it is empty or does not fit in {@code sun_path}
     */
    public static UnixAddress of(Path path) {
        String text = Objects.requireNonNull(path, "path").toString();
        if (text.startsWith("@")) {
            // A relative path that starts with '@' is a file named so, not an abstract name.
            text = "./" + text;
        }
        return of(text);
    }

    /**
     * The abstract name made of exactly these bytes (without the leading NUL, which this adds).
     *
     * @param name the name's bytes
     * @return the address
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if it takes more than 107 bytes
     */
    public static UnixAddress ofAbstract(byte[] name) {
        byte[] sunPath = new byte[Objects.requireNonNull(name, "name").length + 1];
        System.arraycopy(name, 0, sunPath, 1, name.length);
        return checked(sunPath);
    }

    /**
     * The address whose {@code sun_path} holds exactly {@code sunPath}: an abstract name if it starts
     * with a NUL byte, else a path (which ends at its first NUL, as the kernel reads it).
     *
     * @param sunPath the bytes of {@code sun_path}
     * @return the address
     * @throws NullPointerException     if {@code sunPath} is null
     * @throws IllegalArgumentException if it is empty, or does not fit
     */
    public static UnixAddress ofSunPath(byte[] sunPath) {
        byte[] bytes = Objects.requireNonNull(sunPath, "sunPath").clone();
        if (bytes.length > 0 && bytes[0] != 0) {
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            bytes = Arrays.copyOf(bytes, end);
        }
        return checked(bytes);
    }

    /** What a receive reports, unchecked: the kernel's own bytes. Null stays null. */
    static UnixAddress ofReceived(byte[] sunPath) {
        return sunPath == null || sunPath.length == 0 ? null : new UnixAddress(sunPath);
    }

    private static UnixAddress checked(byte[] sunPath) {
        SocketAddresses.checkUnix(sunPath);
        return new UnixAddress(sunPath);
    }

    /** {@return true for a Linux abstract name, false for a filesystem path} */
    public boolean isAbstract() {
        return sunPath[0] == 0;
    }

    /** {@return the name's bytes: an abstract name without its leading NUL, or a path without a terminating NUL} */
    public byte[] name() {
        return isAbstract() ? Arrays.copyOfRange(sunPath, 1, sunPath.length) : sunPath.clone();
    }

    /** {@return the bytes of {@code sun_path} as the kernel holds them: for an abstract name, a NUL and the name} */
    public byte[] sunPath() {
        return sunPath.clone();
    }

    /**
     * The {@code String} form every {@code String} address parameter accepts and every receive reports:
     * the path, or {@code '@'} and the abstract name; bytes that are not UTF-8 appear as U+DC80 to
     * U+DCFF. Giving it back names this same address.
     *
     * @return the {@code String} form
     */
    public String asString() {
        return SocketAddresses.stringOf(sunPath);
    }

    /**
     * This path as a {@link Path}.
     *
     * @return the path
     * @throws IllegalStateException if this is an abstract name
     */
    public Path toPath() {
        if (isAbstract()) {
            throw new IllegalStateException("an abstract name is not a filesystem path: " + this);
        }
        return Path.of(asString());
    }

    /**
     * This path as the JDK's {@link UnixDomainSocketAddress}, for {@code java.nio} channels.
     *
     * @return the JDK's address of this path
     * @throws IllegalStateException if this is an abstract name, which the JDK's channels do not take
     */
    public UnixDomainSocketAddress toUnixDomainSocketAddress() {
        return UnixDomainSocketAddress.of(toPath());
    }

    /**
     * Readable: the path, or {@code '@'} and the abstract name, with NUL as {@code \0}, a backslash as
     * {@code \\}, and every byte that is not printable UTF-8 as {@code \xHH}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(sunPath.length + 8);
        if (isAbstract()) {
            text.append('@');
        }
        SurrogateEscape.decode(name()).codePoints().forEach(c -> {
            if (c == 0) {
                text.append("\\0");
            } else if (c == '\\') {
                text.append("\\\\");
            } else if (c >= 0xDC80 && c <= 0xDCFF) {
                text.append(String.format("\\x%02x", c - 0xDC00));
            } else if (Character.isISOControl(c)) {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    text.append(String.format("\\x%02x", b & 0xFF));
                }
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }

    /** Equal when the bytes of {@code sun_path} are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof UnixAddress that && Arrays.equals(sunPath, that.sunPath);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sunPath);
    }
}
