package dev.azalia.decode;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;
import dev.azalia.decode.Mp3Decoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the player's input by its content, not its name: a RIFF/WAVE file (also {@code RIFX} and {@code RF64}, which
 * are refused with a reason) is played as 16-bit PCM ({@link WavSource}); anything else is decoded as MPEG audio
 * ({@link Mp3Decoder}, which reports what is not).
 */
public final class InputFiles
{
    private InputFiles()
    {
    }

    /**
     * Opens a file.
     *
     * @param path the file.
     * @return the source, positioned at its first frame; the caller closes it.
     * @throws InputException (one line naming the file) when it is missing, unreadable or not playable.
     */
    public static AudioSource open(final Path path) throws InputException
    {
        if (isRiff(path))
        {
            return WavSource.open(path);
        }
        return Mp3Decoder.open(path);
    }

    /** Whether the file starts like a RIFF container; false for a missing or unreadable file (the MP3 path says). */
    private static boolean isRiff(final Path path)
    {
        if (!Files.isRegularFile(path))
        {
            return false;
        }
        final byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(path))
        {
            if (in.readNBytes(head, 0, 4) < 4)
            {
                return false;
            }
        }
        catch (final IOException e)
        {
            return false;
        }
        final String magic = new String(head, StandardCharsets.US_ASCII);
        return "RIFF".equals(magic) || "RIFX".equals(magic) || "RF64".equals(magic);
    }
}
