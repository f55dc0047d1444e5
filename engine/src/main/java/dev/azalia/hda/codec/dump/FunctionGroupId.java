package dev.azalia.hda.codec.dump;

import java.util.OptionalInt;

/**
 * An {@code AFG/MFG Function Id:} line (GET_PARAMETER 0x05 on the function group).
 *
 * @param type        bits 7:0 of the parameter as printed (1 audio, 2 modem).
 * @param unsolicited the {@code (unsol N)} flag, empty in older dumps ({@code Function Id: 0x1}).
 */
public record FunctionGroupId(int type, OptionalInt unsolicited)
{
}
