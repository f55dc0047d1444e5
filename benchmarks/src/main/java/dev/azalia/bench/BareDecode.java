package dev.azalia.bench;

import dev.azalia.decode.Mp3Decoder;

import java.nio.file.Path;

/**
 * Bare whole-process decoding, the baseline of the whole-process throughput ratio: opens an MP3, decodes it to the
 * end with {@link Mp3Decoder#readFrames} in chunks of {@link DecodeThroughputBenchmark#PERIOD_FRAMES} frames (as the
 * player reads it) and discards the PCM. {@code benchmarks/throughput-ratio.sh} times this process against
 * {@code ./play --clock virtual --out null} of the same file.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.azalia.bench.BareDecode FILE}; prints the frames
 * decoded. Exit status 2 without a file, 3 when it cannot be decoded.
 */
public final class BareDecode
{
    private BareDecode()
    {
    }

    /**
     * Decodes the file named by the only argument.
     *
     * @param args the MP3 file.
     */
    public static void main(final String[] args)
    {
        if (1 != args.length)
        {
            System.err.println("usage: BareDecode FILE");
            System.exit(2);
        }
        long checksum = 0;
        try (Mp3Decoder decoder = Mp3Decoder.open(Path.of(args[0])))
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
        catch (final Exception e)
        {
            System.err.println("BareDecode: " + args[0] + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
