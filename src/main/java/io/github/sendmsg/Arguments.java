package io.github.sendmsg;

/** Argument checks shared by the public classes: each fails before any system call. */
final class Arguments {

    private Arguments() {
    }

    static void requireFd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("a file descriptor must be >= 0, not " + fd);
        }
    }

    static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, not " + value);
        }
    }

    static int requireIntSize(long size, String what, int n) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + "(" + n + ") = " + size + " does not fit in an int");
        }
        return (int) size;
    }
}
