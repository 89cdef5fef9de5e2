package io.github.sendmsg.channel;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.internal.FileCalls;
import io.github.sendmsg.internal.Scratch;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bridges between {@link Descriptor}s and the JDK's file objects ({@link FileChannel},
 * {@link FileDescriptor}, file streams), and {@code open(2)}.
 *
 * <p><b>Descriptor to JDK object.</b> Open a stream or file of the descriptor's access mode on a fresh
 * temporary file, find its number in {@code /proc/self/fd} by that file's path, and make the number
 * refer to a copy of the descriptor with {@code dup3(2)}, which closes the temporary file in the same
 * step; the temporary file is deleted.
 *
 * <p><b>JDK object to descriptor.</b> Set the channel's position to an offset no other open file has by
 * chance, find the descriptor whose offset ({@code lseek(fd, 0, SEEK_CUR)}) shows it, twice with
 * different offsets, copy it, check the copy once more, and restore the position. A channel without a
 * position (a pipe, a FIFO, a device) cannot be told apart this way, and the JDK offers no other.
 */
final class FileBridges {

    private FileBridges() {
    }

    static int open(Path path, OpenOption... options) throws ErrnoException {
        boolean read = false;
        boolean write = false;
        int flags = 0;
        for (OpenOption option : options) {
            if (option == StandardOpenOption.READ) {
                read = true;
            } else if (option == StandardOpenOption.WRITE) {
                write = true;
            } else if (option == StandardOpenOption.APPEND) {
                write = true;
                flags |= FileCalls.O_APPEND;
            } else if (option == StandardOpenOption.CREATE) {
                flags |= FileCalls.O_CREAT;
            } else if (option == StandardOpenOption.CREATE_NEW) {
                flags |= FileCalls.O_CREAT | FileCalls.O_EXCL;
            } else if (option == StandardOpenOption.TRUNCATE_EXISTING) {
                flags |= FileCalls.O_TRUNC;
            } else if (option == StandardOpenOption.SYNC) {
                flags |= FileCalls.O_SYNC;
            } else if (option == StandardOpenOption.DSYNC) {
                flags |= FileCalls.O_DSYNC;
            } else if (option == LinkOption.NOFOLLOW_LINKS) {
                flags |= FileCalls.O_NOFOLLOW;
            } else if (option == null) {
                throw new NullPointerException("an option is null");
            } else {
                throw new UnsupportedOperationException(option + " has no open(2) flag: a descriptor cannot do it");
            }
        }
        if (!write) {
            // As FileChannel.open: creating and truncating need a file opened for writing.
            flags &= ~(FileCalls.O_CREAT | FileCalls.O_EXCL | FileCalls.O_TRUNC);
        }
        int access = read && write ? FileCalls.O_RDWR : write ? FileCalls.O_WRONLY : FileCalls.O_RDONLY;
        Scratch scratch = Scratch.acquire();
        try {
            int fd = FileCalls.open(scratch.capture(), FileCalls.cString(scratch, path.toString().getBytes(OpenDescriptors.PATH_CHARSET)),
                    access | flags | FileCalls.O_NOCTTY, 0666);
            if (fd < 0) {
                throw new ErrnoException("open", -1, -fd, path.toString());
            }
            return fd;
        } finally {
            scratch.release();
        }
    }
    static FileChannel fileChannel(Descriptor descriptor) throws IOException {
        Closeable throwaway = throwawayFile(descriptor, true);
        return switch (throwaway) {
            case FileInputStream in -> in.getChannel();
            case FileOutputStream out -> out.getChannel();
            case RandomAccessFile file -> file.getChannel();
            default -> throw new IllegalStateException("no channel for " + throwaway);
        };
    }
    static FileDescriptor fileDescriptor(Descriptor descriptor) throws IOException {
        Closeable throwaway = throwawayFile(descriptor, false);
        return switch (throwaway) {
            case FileInputStream in -> in.getFD();
            case FileOutputStream out -> out.getFD();
            case RandomAccessFile file -> file.getFD();
            default -> throw new IllegalStateException("no FileDescriptor for " + throwaway);
        };
    }
    /**
     * A JDK file object whose descriptor now refers to {@code descriptor}'s open file description: a
     * stream or file of the same access mode (so the JDK refuses what the descriptor cannot do), opened
     * on a temporary file that is gone once this returns.
     */
    private static Closeable throwawayFile(Descriptor descriptor, boolean refuseSockets) throws IOException {
        int fd = descriptor.borrow();
        try {
            Descriptor.Kind kind = descriptor.kind();
            if (kind == Descriptor.Kind.DIRECTORY) {
                throw new UnsupportedOperationException("a directory cannot be read as a file: the JDK has no object for a"
                        + " directory descriptor (pass the Descriptor itself, or open files under the directory's path)");
            }
            if (refuseSockets && kind == Descriptor.Kind.SOCKET) {
                throw new UnsupportedOperationException("a socket is not a file: use toSocketChannel(),"
                        + " toServerSocketChannel() or toDatagramChannel() (or toInputStream() to read it as a stream)");
            }
            int access = statusFlags(fd) & FileCalls.O_ACCMODE;
            boolean append = (statusFlags(fd) & FileCalls.O_APPEND) != 0;
            Path temp = throwawayFile();
            try {
                Closeable object = access == FileCalls.O_RDONLY ? new FileInputStream(temp.toFile())
                        : access == FileCalls.O_WRONLY ? new FileOutputStream(temp.toFile(), append)
                        : new RandomAccessFile(temp.toFile(), "rw");
                try {
                    int target = onlyDescriptorOf(temp.toRealPath().toString());
                    OpenDescriptors.replace(fd, target);
                    return object;
                } catch (IOException | RuntimeException e) {
                    object.close();
                    throw e;
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } finally {
            descriptor.endBorrow();
        }
    }
    static int numberOf(FileDescriptor descriptor) throws IOException {
        if (!descriptor.valid()) {
            throw new IOException("the FileDescriptor is not valid (closed)");
        }
        if (descriptor == FileDescriptor.in) {
            return OpenDescriptors.duplicate(0);
        }
        if (descriptor == FileDescriptor.out) {
            return OpenDescriptors.duplicate(1);
        }
        if (descriptor == FileDescriptor.err) {
            return OpenDescriptors.duplicate(2);
        }
        // A stream made on it shares the descriptor without owning it (no cleaner is registered for a
        // stream made from a FileDescriptor), and its channel has the position to find it by.
        return numberOf(new FileInputStream(descriptor).getChannel());
    }
    static int numberOf(FileChannel channel) throws IOException {
        long original;
        try {
            original = channel.position();
        } catch (IOException notSeekable) {
            throw new UnsupportedOperationException("this FileChannel has no position (" + notSeekable.getMessage()
                    + "): it is a pipe, a FIFO or a device, and the JDK exposes no other way to tell which descriptor it"
                    + " uses. Open the file with Descriptor.open(path) instead, or pass the pipe from where it was made.", notSeekable);
        }
        try {
            long marker = uniqueOffset();
            channel.position(marker);
            List<Integer> candidates = new ArrayList<>();
            for (int fd : OpenDescriptors.openDescriptors().keySet()) {
                if (offsetOf(fd) == marker) {
                    candidates.add(fd);
                }
            }
            long second = uniqueOffset();
            channel.position(second);
            candidates.removeIf(fd -> offsetOf(fd) != second);
            if (candidates.isEmpty()) {
                throw new UnsupportedOperationException("no descriptor of this process took the position set on this"
                        + " FileChannel (a device that ignores positions?): its descriptor cannot be told");
            }
            // Several numbers may share the one open file description (dups): any of them will do.
            int copy = OpenDescriptors.duplicate(candidates.getFirst());
            long check = uniqueOffset();
            channel.position(check);
            if (offsetOf(copy) != check) {
                OpenDescriptors.closeQuietly(copy);
                throw new IOException("the descriptor found for this FileChannel changed while it was copied; try again");
            }
            return copy;
        } finally {
            channel.position(original);
        }
    }
    private static int onlyDescriptorOf(String target) throws IOException {
        List<Integer> found = OpenDescriptors.openDescriptors().entrySet().stream()
                .filter(entry -> entry.getValue().equals(target)).map(Map.Entry::getKey).toList();
        if (found.size() != 1) {
            throw new IOException("expected exactly one descriptor for " + target + ", found " + found);
        }
        return found.getFirst();
    }
    private static long offsetOf(int fd) {
        Scratch scratch = Scratch.acquire();
        try {
            return FileCalls.lseek(scratch.capture(), fd, 0, FileCalls.SEEK_CUR);
        } finally {
            scratch.release();
        }
    }
    private static int statusFlags(int fd) throws ErrnoException {
        Scratch scratch = Scratch.acquire();
        try {
            int flags = FileCalls.fcntl(scratch.capture(), fd, FileCalls.F_GETFL, 0);
            if (flags < 0) {
                throw new ErrnoException("fcntl(F_GETFL)", fd, -flags);
            }
            return flags;
        } finally {
            scratch.release();
        }
    }
    /** A far offset no file description has by chance, below the 2^63 limit of off_t. */
    private static long uniqueOffset() {
        return (1L << 40) + ThreadLocalRandom.current().nextLong(1L << 40);
    }

    /** The empty file a JDK object is opened on before its descriptor is replaced; deleted at once after. */
    private static Path throwawayFile() throws IOException {
        try {
            return Files.createTempFile("sendmsg-bridge-", ".tmp");
        } catch (IOException e) {
            throw new IOException("a bridge opens the JDK object on an empty file it creates and deletes in java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir") + "), and could not create one there: " + e
                    + "; point -Djava.io.tmpdir at a writable directory", e);
        }
    }
}
