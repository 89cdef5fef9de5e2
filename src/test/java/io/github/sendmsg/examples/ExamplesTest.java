package io.github.sendmsg.examples;

import io.github.sendmsg.Fds;
import io.github.sendmsg.NoFdLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The two programs of Twisted's sendmsg how-to print what the Python prints, and clean up after themselves. */
@ExtendWith(NoFdLeaks.class)
class ExamplesTest {

    @FunctionalInterface
    interface Program {
        void run() throws Exception;
    }

    private static String output(Program program) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sendingRegularDataPrintsTheDocumentsOutput() throws Exception {
        assertThat(output(() -> SendingRegularData.main(new String[0]))).isEqualTo("""
                Sent 12 bytes
                Received 'Hello, world'
                Extra stuff, boring in this case 0 []
                """);
    }

    @Test
    void copyingAFileDescriptorReadsHalfTheLineThroughEachDescriptor() throws Exception {
        int before = Fds.openCount();
        String output = output(() -> CopyingFileDescriptor.main(new String[0]));
        assertThat(output).matches("""
                Read from original \\((\\d+)\\): 'Hello,'
                Read from duplicate \\((\\d+)\\): ' world'
                """);
        String[] numbers = output.replaceAll("[^0-9\n]+", " ").trim().split("\\s+");
        assertThat(numbers[0]).as("the duplicate is a different descriptor").isNotEqualTo(numbers[1]);
        assertThat(Fds.openCount()).as("the example closes all five descriptors").isEqualTo(before);
    }

    @Test
    void theMainJobRunsBothUnderHeadings() throws Exception {
        assertThat(output(() -> Examples.main(new String[0])))
                .startsWith("== Sending and receiving regular data ==\nSent 12 bytes\n")
                .contains("\n== Copying file descriptors ==\nRead from original (")
                .contains("Read from duplicate (");
    }

    @Test
    void pythonReprQuotesLikePythonTwo() {
        assertThat(PythonRepr.of("Hello, world".getBytes())).isEqualTo("'Hello, world'");
        assertThat(PythonRepr.of(new byte[] {0})).isEqualTo("'\\x00'");
        assertThat(PythonRepr.of("it's".getBytes())).isEqualTo("\"it's\"");
        assertThat(PythonRepr.of("a\tb\n\\".getBytes())).isEqualTo("'a\\tb\\n\\\\'");
        assertThat(PythonRepr.of(new byte[] {(byte) 0xFF})).isEqualTo("'\\xff'");
    }
}
