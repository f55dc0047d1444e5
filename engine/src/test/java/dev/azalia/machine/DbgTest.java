package dev.azalia.machine;
import org.junit.jupiter.api.Test;
final class DbgTest {
  @Test void dbg() throws Exception {
    for (long tick : new long[] {362_811L}) {
      MovePlayback m = new MovePlayback("suspend", 44100, 2, 64, 2, 44100 * 3).plan(new BarMoveExperiment.Plan(10_000_000L, -1, 0, 0, 1));
      m.linkTickNanos = tick;
      m.autosuspendNanos = 1_000_000_000L; m.movesAfterPrepare = true;
      MovePlayback r = m.run();
      System.out.println(tick + " " + r);
    }
  }
}
