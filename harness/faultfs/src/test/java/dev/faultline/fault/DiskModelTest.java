package dev.faultline.fault;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** What a crash leaves of a file's writes since its last force (issue 16: never the forced bytes). */
class DiskModelTest {

    private static byte[] bytes(int length, char c) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) c);
        return b;
    }

    @Test
    void anAppendAfterAForceLosesOnlyWhatWasAppendedAndTearsAtSectors() {
        byte[] forced = bytes(1000, 'a');
        byte[] now = Arrays.copyOf(forced, 4000);
        Arrays.fill(now, 1000, 4000, (byte) 'b');
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 500; i++) {
            byte[] left = DiskModel.torn(forced, now, random::nextDouble);
            assertThat(Arrays.copyOf(left, 1000)).isEqualTo(forced);
            assertThat(left.length).isBetween(1000, 4000);
            assertThat(left.length == 1000 || left.length == 4000 || left.length % DiskModel.SECTOR == 0).isTrue();
            assertThat(new String(Arrays.copyOfRange(left, 1000, left.length))).matches("b*");
        }
    }

    @Test
    void anOverwriteInPlacePersistsInOrderUpToACutAndKeepsTheOlderBytesBeyondIt() {
        byte[] forced = bytes(2048, 'a');
        byte[] now = bytes(2048, 'b');
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 200; i++) {
            byte[] left = DiskModel.torn(forced, now, random::nextDouble);
            assertThat(left).hasSize(2048);
            int cut = 0;
            while (cut < left.length && left[cut] == 'b') {
                cut++;
            }
            assertThat(cut % DiskModel.SECTOR).isZero();
            assertThat(new String(Arrays.copyOfRange(left, cut, 2048))).matches("a*");
        }
    }
}
