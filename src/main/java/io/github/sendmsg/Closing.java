package io.github.sendmsg;

import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.Syscalls;

/** Closing descriptors the library owns on a failure path, where a second error must not hide the first. */
final class Closing {

    private Closing() {
    }

    /** Closes each descriptor, ignoring errors: each was installed for us and is closed once. */
    static void quietly(int... fds) {
        Scratch scratch = Scratch.acquire();
        try {
            for (int fd : fds) {
                Syscalls.close(scratch.capture(), fd);
            }
        } finally {
            scratch.release();
        }
    }
}
