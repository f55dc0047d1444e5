package dev.azalia.bench;

import dev.azalia.decode.InputException;
import dev.azalia.decode.Mp3Decoder;

import java.nio.file.Path;

/**
 * Bare whole-process decoding, the baseline of the whole-process throughput ratio: opens an MP3, decodes it to the
 * end with {@link Mp3Decoder#readFrames} in chunks of {@link DecodeThroughputBenchmark#PERIOD_FRAMES} frames (as the
 * player reads it) and discards the PCM. {@code benchmarks/throughput-ratio.sh} times this process against
 * {@code ./play --clock virtual --out null} of the same file.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.azalia.bench.BareDecode FILE}; prints the frames
 * decoded. {@code --help} (or {@code -h}) prints the usage on standard output and exits with status 0. Exit status
 * 2 without a file, with more than one, with an option, or when the file is not there or cannot be read (one line on
 * standard error, {@code BareDecode: what is wrong; usage: ...}); 3 when it cannot be decoded (one line).
 */
public final class BareDecode
{
    /** The command line: its usage and its parse step. */
    static final Command<Path> COMMAND = new Command<>("BareDecode", BareDecode::parse, "usage: BareDecode FILE",
        "  FILE  the MP3 file decoded (no default)");

    private BareDecode()
    {
    }

    /**
     * Parses the command line (the parse step of {@link #main}; {@code --help} is answered before it).
     *
     * @param args the file.
     * @return the file, there and readable.
     * @throws UsageException on a bad argument, with its one-line message.
     */
    static Path parse(final String... args) throws UsageException
    {
        final Arguments a = new Arguments(args);
        String file = null;
        while (a.hasNext())
        {
            file = Arguments.single("FILE", file, a.next());
        }
        if (null == file)
        {
            throw new UsageException("FILE is missing");
        }
        return Arguments.readableFile("FILE", file);
    }

    /**
     * Decodes the file named by the only argument.
     *
     * @param args the MP3 file.
     */
    public static void main(final String[] args)
    {
        final Path file = COMMAND.readOrExit(args);
        long checksum = 0;
        try (Mp3Decoder decoder = Mp3Decoder.open(file))
        {
            final int chunkFrames = DecodeThroughputBenchmark.PERIOD_FRAMES;
            final byte[] chunk = new byte[chunkFrames * decoder.frameSizeBytes()];
            int frames;
            while ((frames = decoder.readFrames(chunk, 0, chunkFrames)) > 0)
            {
                // one byte per chunk, so the decoding cannot be optimised away
                checksum += chunk[frames - 1];
            }
            System.out.println(decoder.framesDecoded() + " frames decoded (checksum " + checksum + ")");
        }
        catch (final InputException e)
        {
            // the decoder's messages mostly name the file already
            final String message = e.getMessage();
            COMMAND.failAndExit(Command.EXIT_INPUT, message.startsWith(file.toString()) ? message
                : file + ": " + message);
        }
    }
}
