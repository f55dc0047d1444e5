package dev.azalia.testbed.junit;

import dev.azalia.testbed.Testbed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TestbedExtension.class)
class TestbedExtensionTest
{
    private static final List<TestbedCase> SEEN = new ArrayList<>();

    @Test
    void shouldGiveATestbedWithTheDefaultsThatPlay(final Testbed bed) throws Exception
    {
        assertThat(bed.config().policy()).isEqualTo("live");
        assertThat(bed.run().output().framesWritten()).isEqualTo(48_000);
    }

    @Test
    void shouldGiveAFreshBuilderToEachParameter(final Testbed.Builder first, final Testbed.Builder second)
    {
        first.policy("fixed");

        assertThat(first).isNotSameAs(second);
        assertThat(second.config().policy()).isEqualTo("live");
    }

    @ParameterizedTest(name = "{0}")
    @TestbedMatrix(policies = {"live", "fixed"}, buffers = {"2x64", "4x256"}, codecs = {"qemu", "laptop"})
    void shouldRunEveryPolicyByBufferByCodecInOrder(final TestbedCase row)
    {
        SEEN.add(row);
        assertThat(row.builder().config().codec().text()).isEqualTo(row.codec());
        if (8 == SEEN.size())
        {
            assertThat(SEEN).extracting(TestbedCase::toString).containsExactly("live 2x64 on qemu",
                "live 2x64 on laptop", "live 4x256 on qemu", "live 4x256 on laptop", "fixed 2x64 on qemu",
                "fixed 2x64 on laptop", "fixed 4x256 on qemu", "fixed 4x256 on laptop");
        }
    }
}
