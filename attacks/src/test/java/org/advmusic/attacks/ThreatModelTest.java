package org.advmusic.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThreatModelTest {
    @Test
    void theDescriptionStatesTheBoxAndWhatItsUnitMeansWhenKnown() {
        ThreatModel plain = ThreatModel.untargeted(Norm.LINF, 0.01);
        assertEquals("Linf eps=0.01 box [0.0, 1.0] untargeted", plain.describe());

        InputBox standardised = new InputBox(-2.5, 4.0).withUnit("1 = one standard deviation of the segment's dB values");
        assertEquals("L2 eps=0.5 box [-2.5, 4.0] (1 = one standard deviation of the segment's dB values) untargeted",
                plain.withBox(standardised).withEpsilon(0.5).withNorm(Norm.L2).describe());
    }
}
