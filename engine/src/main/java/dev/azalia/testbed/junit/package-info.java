/**
 * JUnit 5 and AssertJ support for glitch tests over the testbed: {@link dev.azalia.testbed.junit.TestbedExtension}
 * gives a test a {@link dev.azalia.testbed.Testbed.Builder} with the defaults that play,
 * {@link dev.azalia.testbed.junit.TestbedMatrix} makes a {@code @ParameterizedTest} run every policy x buffer x codec
 * ({@link dev.azalia.testbed.junit.TestbedCase}), and {@link dev.azalia.testbed.junit.TestbedAssertions#assertThat}
 * checks a {@link dev.azalia.testbed.RunResult} with failure messages that say what glitched where.
 *
 * <p>JUnit Jupiter and AssertJ are optional dependencies of the engine: a project that uses this package has them on
 * its test class path anyway. Layering: on top of the testbed; nothing in the engine uses it.
 */
package dev.azalia.testbed.junit;
