package dev.azalia.machine;

import dev.azalia.driver.AzxChip;
import dev.azalia.kernel.Kernel;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.pci.BarMove;
import dev.azalia.pci.RescanResult;
import dev.azalia.sound.Card;
import dev.azalia.sound.SoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The experiment's disturbances while a stream plays: the PCI core rescans (moving the card's BAR) every
 * {@code moveEveryNanos}, up to {@code maxMoves} times; mixer clients read and write the master controls; a jack
 * is plugged and unplugged. On a virtual machine these are events on the kernel's queue (moves on the PCI
 * thread's context, the others restartable tasks), deterministic from the seed; on a real one each runs on its own
 * thread ({@code pci}, {@code mixer}, {@code jack}) until {@link #stop()}.
 *
 * <p>Mixer traffic is what a user's mixer does, and it reaches the codec as in Linux: each operation reads the
 * master playback controls (served from the codec driver's register cache: no verb) and writes a <em>changed</em>
 * value to "Capture Volume" (alternating between its two highest steps: one SET_AMP_GAIN_MUTE per channel while the
 * codec is powered, the cache only while it is suspended), then reads it back. The capture amp is off the playback
 * path, so what is heard never changes and a run with traffic stays bit-identical to one without. On a codec
 * without a capture volume the master values are written back unchanged (which sends no verb).
 */
public final class BarMoveExperiment
{
    private static final String CAPTURE_VOLUME = "Capture Volume";

    /**
     * What to do.
     *
     * @param moveEveryNanos     interval between rescans; 0 for none.
     * @param maxMoves           how many rescans at most; negative for no limit.
     * @param mixerEveryNanos    interval between mixer operations; 0 for none.
     * @param jackEveryNanos     interval between jack plug/unplug events; 0 for none.
     * @param seed               seed of the jitter of the intervals.
     */
    public record Plan(long moveEveryNanos, int maxMoves, long mixerEveryNanos, long jackEveryNanos, long seed)
    {
        /** Nothing at all. */
        public static final Plan NONE = new Plan(0, 0, 0, 0, 1);

        /**
         * Whether anything is planned.
         *
         * @return true if moves, traffic or jack events happen.
         */
        public boolean active()
        {
            return moveEveryNanos > 0 && maxMoves != 0 || mixerEveryNanos > 0 || jackEveryNanos > 0;
        }
    }

    private final Machine machine;
    private final Plan plan;
    private final SplittableRandom random;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong moves = new AtomicLong();
    private final AtomicLong mixerOps = new AtomicLong();
    private final AtomicLong mixerErrors = new AtomicLong();
    private final AtomicLong jackEvents = new AtomicLong();
    private final List<RescanResult> results = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final JackSwitch jack;
    private boolean jackPresent = true;

    /**
     * An experiment on {@code machine}.
     *
     * @param machine the booted machine.
     * @param plan    what to do.
     * @throws IllegalArgumentException if the plan has jack events and no codec has a jack ({@link JackSwitch}).
     */
    public BarMoveExperiment(final Machine machine, final Plan plan)
    {
        this.machine = machine;
        this.plan = plan;
        this.jack = plan.jackEveryNanos() > 0 ? JackSwitch.of(machine.codecs()).orElseThrow(() ->
            new IllegalArgumentException("jack events need a jack with presence detect; no codec on the link has one"))
            : null;
        this.random = new SplittableRandom(plan.seed());
    }

    /** Starts the disturbances (call once playback has started, or before: moves of an idle card are fine). */
    public void start()
    {
        running.set(true);
        if (machine.kernel() instanceof VirtualKernel vk)
        {
            final long now = machine.clock().nanoTime();
            if (plan.moveEveryNanos() > 0 && plan.maxMoves() != 0)
            {
                vk.at("pci", "pci rescan", now + plan.moveEveryNanos(), () -> virtualMove(vk));
            }
            if (plan.mixerEveryNanos() > 0)
            {
                vk.atRestartable("mixer", "mixer traffic", now + jitter(plan.mixerEveryNanos()),
                    () -> virtualMixer(vk));
            }
            if (plan.jackEveryNanos() > 0)
            {
                vk.atRestartable("jack", "jack event", now + jitter(plan.jackEveryNanos()), () -> virtualJack(vk));
            }
            return;
        }
        if (plan.moveEveryNanos() > 0 && plan.maxMoves() != 0)
        {
            spawn("pci", plan.moveEveryNanos(), this::move);
        }
        if (plan.mixerEveryNanos() > 0)
        {
            spawn("mixer", plan.mixerEveryNanos(), this::mixer);
        }
        if (plan.jackEveryNanos() > 0)
        {
            spawn("jack", plan.jackEveryNanos(), this::jack);
        }
    }

    /** Stops the disturbances and waits for their threads. */
    public void stop()
    {
        running.set(false);
        for (final Thread t : threads)
        {
            try
            {
                t.join(5_000);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private long jitter(final long every)
    {
        return every / 2 + random.nextLong(every);
    }

    private boolean movesLeft()
    {
        return plan.maxMoves() < 0 || moves.get() < plan.maxMoves();
    }

    private void virtualMove(final VirtualKernel vk)
    {
        if (!running.get() || !movesLeft())
        {
            return;
        }
        move();
        if (movesLeft())
        {
            vk.at("pci", "pci rescan", machine.clock().nanoTime() + plan.moveEveryNanos(), () -> virtualMove(vk));
        }
    }

    private void virtualMixer(final VirtualKernel vk)
    {
        if (!running.get())
        {
            return;
        }
        mixer();
        vk.atRestartable("mixer", "mixer traffic", machine.clock().nanoTime() + jitter(plan.mixerEveryNanos()),
            () -> virtualMixer(vk));
    }

    private void virtualJack(final VirtualKernel vk)
    {
        if (!running.get())
        {
            return;
        }
        jack();
        vk.atRestartable("jack", "jack event", machine.clock().nanoTime() + jitter(plan.jackEveryNanos()),
            () -> virtualJack(vk));
    }

    private void spawn(final String name, final long every, final Runnable action)
    {
        final Kernel kernel = machine.kernel();
        final Thread t = new Thread(() ->
        {
            try
            {
                while (running.get() && ("pci".equals(name) ? movesLeft() : true))
                {
                    LockSupport.parkNanos(jitter(every));
                    if (running.get())
                    {
                        action.run();
                    }
                }
            }
            catch (final RuntimeException | Error e)
            {
                kernel.recordFailure(name + " thread", e);
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void move()
    {
        final RescanResult r = machine.bus().rescan();
        synchronized (results)
        {
            results.add(r);
        }
        moves.incrementAndGet();
    }

    private void mixer()
    {
        final Card card = machine.chip().card();
        try
        {
            final long[] volume = card.controlRead("Master Playback Volume");
            final long[] on = card.controlRead("Master Playback Switch");
            if (null == card.control(CAPTURE_VOLUME))
            {
                card.controlWrite("Master Playback Volume", volume);
                card.controlWrite("Master Playback Switch", on);
            }
            else
            {
                final long max = card.control(CAPTURE_VOLUME).info().max();
                final long[] capture = card.controlRead(CAPTURE_VOLUME);
                final long next = capture[0] == max ? max - 1 : max;
                card.controlWrite(CAPTURE_VOLUME, new long[] {next, next});
                card.controlRead(CAPTURE_VOLUME);
            }
            mixerOps.incrementAndGet();
        }
        catch (final SoundException e)
        {
            mixerErrors.incrementAndGet();
        }
    }

    private void jack()
    {
        jackPresent = !jackPresent;
        jack.set(jackPresent);
        jackEvents.incrementAndGet();
    }

    /**
     * Rescans done so far.
     *
     * @return the count.
     */
    public long moves()
    {
        return moves.get();
    }

    /**
     * Completed mixer operations (a read and a write of each control).
     *
     * @return the count.
     */
    public long mixerOps()
    {
        return mixerOps.get();
    }

    /**
     * Mixer operations that failed (the card refused or could not reach the codec).
     *
     * @return the count.
     */
    public long mixerErrors()
    {
        return mixerErrors.get();
    }

    /**
     * Jack events injected.
     *
     * @return the count.
     */
    public long jackEvents()
    {
        return jackEvents.get();
    }

    /**
     * Every BAR the PCI core moved, in order.
     *
     * @return the moves.
     */
    public List<BarMove> barMoves()
    {
        return machine.bus().barMoves();
    }

    /**
     * The rescans' results.
     *
     * @return a copy.
     */
    public List<RescanResult> results()
    {
        synchronized (results)
        {
            return List.copyOf(results);
        }
    }
}
