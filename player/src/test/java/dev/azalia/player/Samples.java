package dev.azalia.player;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputFiles;
import dev.azalia.decode.Mp3Decoder;
import dev.azalia.machine.CodecFormats;
import dev.azalia.machine.MachineCodec;
import dev.azalia.testbed.ConvertedSource;
import dev.azalia.testbed.FormatPlan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed samples, and their decoded PCM as the player's decoder produces it.
 */
final class Samples
{
    private Samples()
    {
    }

    static Path dir()
    {
        return Files.isDirectory(Path.of("..", "samples")) ? Path.of("..", "samples") : Path.of("samples");
    }

    static List<Path> all() throws IOException
    {
        try (Stream<Path> files = Files.list(dir()))
        {
            return files.filter(p -> p.toString().endsWith(".mp3")).sorted().toList();
        }
    }

    static byte[] decode(final Path mp3) throws Exception
    {
        final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        try (Mp3Decoder d = Mp3Decoder.open(mp3))
        {
            final byte[] buf = new byte[4096 * d.frameSizeBytes()];
            int frames;
            while ((frames = d.readFrames(buf, 0, 4096)) > 0)
            {
                pcm.write(buf, 0, frames * d.frameSizeBytes());
            }
        }
        return pcm.toByteArray();
    }

    /**
     * The PCM the player sends to the default (QEMU) codec for a file: its decoded frames, converted as the player
     * converts what the codec does not take ({@link ConvertedSource}).
     */
    static byte[] converted(final Path file) throws Exception
    {
        return converted(file, MachineCodec.DEFAULT);
    }

    /** The stream the player plays {@code file} as on {@code codec}: converted to what the codec takes. */
    static byte[] converted(final Path file, final MachineCodec codec) throws Exception
    {
        final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        try (AudioSource d = InputFiles.open(file))
        {
            final FormatPlan plan = FormatPlan.choose(d.sampleRate(), d.channels(),
                CodecFormats.playback(codec));
            final AudioSource s = plan.converts() ? ConvertedSource.of(d, plan) : d;
            final byte[] buf = new byte[4096 * s.frameSizeBytes()];
            int frames;
            while ((frames = s.readFrames(buf, 0, 4096)) > 0)
            {
                pcm.write(buf, 0, frames * s.frameSizeBytes());
            }
        }
        return pcm.toByteArray();
    }

    /** The data chunk of a canonical 44-byte-header PCM WAV file, or of the first "data" chunk found. */
    static byte[] wavData(final Path wav) throws IOException
    {
        final byte[] all = Files.readAllBytes(wav);
        for (int i = 12; i + 8 <= all.length; )
        {
            final String id = new String(all, i, 4, java.nio.charset.StandardCharsets.US_ASCII);
            final int size = (all[i + 4] & 0xff) | (all[i + 5] & 0xff) << 8 | (all[i + 6] & 0xff) << 16
                | (all[i + 7] & 0xff) << 24;
            if ("data".equals(id))
            {
                return java.util.Arrays.copyOfRange(all, i + 8, i + 8 + size);
            }
            i += 8 + size + (size & 1);
        }
        throw new IOException("no data chunk in " + wav);
    }

    /**
     * Encodes 16-bit PCM as a CBR MP3 without a LAME tag (the decoder then trims only its own delay).
     */
    static byte[] encodeMp3(final byte[] pcm, final int rate, final int channels) throws Exception
    {
        final de.sciss.jump3r.lowlevel.LameEncoder encoder = new de.sciss.jump3r.lowlevel.LameEncoder(
            new javax.sound.sampled.AudioFormat(rate, 16, channels, true, false), 192,
            channels == 1 ? de.sciss.jump3r.lowlevel.LameEncoder.CHANNEL_MODE_MONO
                : de.sciss.jump3r.lowlevel.LameEncoder.CHANNEL_MODE_JOINT_STEREO,
            de.sciss.jump3r.lowlevel.LameEncoder.QUALITY_MIDDLE, false);
        final ByteArrayOutputStream mp3 = new ByteArrayOutputStream();
        final byte[] out = new byte[encoder.getMP3BufferSize()];
        final int chunk = encoder.getPCMBufferSize();
        for (int off = 0; off < pcm.length; off += chunk)
        {
            mp3.write(out, 0, encoder.encodeBuffer(pcm, off, Math.min(chunk, pcm.length - off), out));
        }
        mp3.write(out, 0, encoder.encodeFinish(out));
        encoder.close();
        return mp3.toByteArray();
    }
}
