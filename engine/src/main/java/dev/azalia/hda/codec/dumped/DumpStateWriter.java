package dev.azalia.hda.codec.dumped;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import dev.azalia.hda.codec.dump.AfgDump;
import dev.azalia.hda.codec.dump.AmpDump;
import dev.azalia.hda.codec.dump.AmpValues;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.ConnectionList;
import dev.azalia.hda.codec.dump.GpioDump;
import dev.azalia.hda.codec.dump.ProcessingDump;
import dev.azalia.hda.codec.dump.VolumeKnobDump;
import dev.azalia.hda.codec.dump.WidgetDump;

/**
 * Describes a {@link DumpCodec}'s current state as a {@link CodecDump}: the dump it was built from with every value a
 * verb can change replaced by the current one, each line present exactly where the original dump had it (a dump
 * taken from the emulated codec by Linux's proc printer would show the same lines). Stateless; called under the
 * codec's lock.
 */
final class DumpStateWriter
{
    private DumpStateWriter()
    {
    }

    static CodecDump write(final DumpVerbs v, final int address)
    {
        final CodecDump c = v.codec();
        return new CodecDump(c.name(), address, c.afgFunctionId(), c.mfgFunctionId(), c.vendorId(), v.subsystemId(),
            c.revisionId(), c.modemFunctionGroup(), c.afg().map(afg -> afg(v, afg)));
    }

    private static AfgDump afg(final DumpVerbs v, final AfgDump afg)
    {
        final OptionalInt power = afg.powerState().isPresent()
            ? OptionalInt.of(v.afgPowerFlags() | v.afgPowerSet() << 4 | v.afgPowerSet())
            : OptionalInt.empty();
        final List<WidgetDump> widgets = new ArrayList<>(v.widgets().length);
        for (final DumpNode n : v.widgets())
        {
            widgets.add(widget(v, n));
        }
        return new AfgDump(afg.defaultPcm(), afg.defaultAmpInCaps(), afg.defaultAmpOutCaps(), afg.nid(),
            afg.powerStates(), power, afg.invalidSubtree(), afg.gpio().map(g -> gpio(v, g)), afg.hookLines(),
            widgets);
    }

    private static GpioDump gpio(final DumpVerbs v, final GpioDump g)
    {
        final List<GpioDump.Line> lines = new ArrayList<>(g.lines().size());
        for (final GpioDump.Line l : g.lines())
        {
            final int i = l.index();
            lines.add(new GpioDump.Line(i, bit(v.gpio(0), i), bit(v.gpio(1), i), bit(v.gpio(2), i),
                bit(v.gpio(3), i), bit(v.gpio(4), i), bit(v.gpio(5), i)));
        }
        return new GpioDump(g.caps(), lines, g.controls());
    }

    private static boolean bit(final int mask, final int index)
    {
        return index >= 0 && index < 32 && (mask >>> index & 1) != 0;
    }

    private static WidgetDump widget(final DumpVerbs v, final DumpNode n)
    {
        final WidgetDump w = n.dump;
        return new WidgetDump(w.nid(), w.wcaps(), w.controls(), w.pcmDevices(),
            w.ampIn().map(a -> amp(a, n.ampIn)),
            w.ampOut().map(a -> amp(a, n.ampOut)),
            w.pinCaps(),
            present(w.eapd(), n.eapd),
            present(w.pinDefault(), n.configDefault),
            present(w.pinControls(), n.pinCtl),
            w.volumeKnob().map(k -> new VolumeKnobDump(k.caps(), n.volumeKnob)),
            present(w.converter(), n.stream.streamAndChannel()),
            present(w.sdiSelect(), n.sdiSelect),
            present(w.digital(), n.digital & 0xffffff),
            w.pcm(),
            present(w.unsolicited(), n.unsol),
            w.powerStates(),
            present(w.powerState(), n.powerFlags | v.actualPower(n) << 4 | n.powerSet),
            w.dpMstDevices(),
            w.connections().map(c -> new ConnectionList(c.count(), c.nids(),
                n.dumpMarksSelection || n.selectionSet ? n.connSelect : -1)),
            w.inDriverConnections(),
            w.processing().map(p -> processing(v, n, p)),
            w.vendorLines());
    }

    private static OptionalInt present(final OptionalInt original, final int current)
    {
        return original.isPresent() ? OptionalInt.of(current) : original;
    }

    private static AmpDump amp(final AmpDump original, final int[] values)
    {
        final AmpValues o = original.values();
        final List<Integer> left = new ArrayList<>(o.count());
        final List<Integer> right = new ArrayList<>(o.count());
        for (int i = 0; i < o.count(); i++)
        {
            left.add(values[i * 2]);
            if (o.stereo())
            {
                right.add(values[i * 2 + 1]);
            }
        }
        return new AmpDump(original.caps(), new AmpValues(o.stereo(), left, right));
    }

    private static ProcessingDump processing(final DumpVerbs v, final DumpNode n, final ProcessingDump p)
    {
        final List<Integer> coefficients = new ArrayList<>(p.coefficients().size());
        for (int i = 0; i < p.coefficients().size(); i++)
        {
            coefficients.add(v.coefficient(n.nid, i));
        }
        return new ProcessingDump(p.caps(), coefficients);
    }
}
