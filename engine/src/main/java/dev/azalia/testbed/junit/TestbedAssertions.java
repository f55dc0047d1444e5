package dev.azalia.testbed.junit;

import dev.azalia.testbed.RunResult;

/**
 * The entry point of the testbed's AssertJ assertions: {@code assertThat(result).isGapless()}. Import it statically
 * beside AssertJ's {@code Assertions.assertThat} (the overloads do not clash). Stateless.
 */
public final class TestbedAssertions
{
    private TestbedAssertions()
    {
    }

    /**
     * Assertions on a run's result.
     *
     * @param actual the result.
     * @return the assertions.
     */
    public static RunResultAssert assertThat(final RunResult actual)
    {
        return new RunResultAssert(actual);
    }
}
