package io.github.sendmsg.examples;

/**
 * Runs both examples of Twisted's sendmsg how-to, one after the other: what
 * {@code java -jar sendmsg.jar} and the README's first command show.
 */
public final class Examples {

    private Examples() {
    }

    /**
     * Runs {@link SendingRegularData} and {@link CopyingFileDescriptor}, each under a heading.
     *
     * @param args ignored
     * @throws Exception if a system call fails
     */
    public static void main(String[] args) throws Exception {
        System.out.println("== Sending and receiving regular data ==");
        SendingRegularData.main(args);
        System.out.println();
        System.out.println("== Copying file descriptors ==");
        CopyingFileDescriptor.main(args);
    }
}
