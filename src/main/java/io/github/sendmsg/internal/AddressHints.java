package io.github.sendmsg.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What to tell the reader when {@code bind} or {@code connect} fails: the usual causes of each errno
 * for a socket address, in a sentence. Only called once a call has failed.
 */
public final class AddressHints {

    private AddressHints() {
    }

    /** Whether {@code path} names a socket file (not a file that a hint to delete would cost someone). */
    private static boolean isSocketFile(String path) {
        try {
            int mode = (Integer) Files.getAttribute(Path.of(path), "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & 0170000) == 0140000;   // S_IFMT, S_IFSOCK
        } catch (IOException | RuntimeException e) {
            return false;   // no "unix" view, or gone meanwhile: no advice to delete
        }
    }

    /**
     * A hint for a failed {@code connect} ({@code bind} false) or {@code bind} to {@code address}, shown
     * as given; empty when there is nothing useful to add.
     *
     * @param unixName the {@code AF_UNIX} name the address stands for, a path or {@code "@name"}; null
     *                 for another family (a relative path gets the directory it resolves against)
     */
    public static String forAddressCall(boolean bind, int errno, Object address, String unixName) {
        String unixPath = unixName == null || unixName.startsWith("@") ? null : unixName;
        String where = unixPath != null && !unixPath.startsWith("/")
                ? address + " (relative to the working directory " + Path.of("").toAbsolutePath() + ")"
                : String.valueOf(address);
        String looksInet = unixPath != null && unixPath.matches("[^/]*:\\d+")
                ? "; it looks like host:port, but an AF_UNIX address is a file path (or \"@name\")" : "";
        return switch (Errno.name(errno)) {
            case "ENOENT" -> unixPath == null ? "no socket is bound to " + where + ": is the server running?"
                    : bind ? "the directory of " + where + " does not exist" + looksInet
                    : "no socket at " + where + ": is the server running, and is the path right?" + looksInet;
            case "ECONNREFUSED" -> "nothing listens on " + where + ": a socket file left behind by a server that"
                    + " exited, or one that has not called listen yet";
            case "EADDRINUSE" -> unixPath == null ? where + " is in use by another socket"
                    : !isSocketFile(unixPath) ? where + " exists and is not a socket: choose another path"
                    : where + " exists: a socket file stays after its server exits, so delete a stale one before"
                    + " binding (or bind an abstract name, \"@name\", which goes away with its socket)";
            case "EACCES" -> bind
                    ? "no permission to create " + where + " (the directory must be writable and searchable)"
                    : "no permission to connect to " + where + " (it needs write permission on the socket file"
                    + " and search permission on its directories)";
            case "EINVAL" -> bind
                    ? "the socket is bound already, or " + address + " is not of the socket's family"
                    : address + " is not of the socket's family (an AF_UNIX socket takes a path, an inet one host and port)";
            case "EAFNOSUPPORT" -> address + " is not of the socket's family (an AF_UNIX socket takes a path, an inet"
                    + " one host and port)";
            case "EPROTOTYPE" -> "the socket at " + where + " is of another type (stream, datagram or seqpacket)";
            case "ENOTSOCK" -> "the descriptor is not a socket";
            case "EISCONN" -> "the socket is connected already";
            case "ENOTDIR" -> "a component of " + where + " is not a directory";
            default -> "";
        };
    }
}
