package org.advmusic.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.advmusic.attacks.AbstractAttack;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.Ddn;
import org.advmusic.attacks.Fmn;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.engine.Shape;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** The small inputs the stages receive are read from the right config fields. */
class StageSettingsTest {
    private static ExperimentConfig config(String... overrides) {
        return ConfigLoader.load(null, List.of(overrides));
    }

    @Test
    void theDefenseStageTrainsForItsOwnEpochsElseTheBaselines() {
        DefenseStage.Settings inherited = DefenseStage.Settings.of(config("training.epochs=7", "seed=11"));
        assertEquals(7, inherited.epochs());
        assertEquals(11, inherited.seed());
        assertEquals(11, inherited.training().seed());
        assertEquals(3, DefenseStage.Settings.of(config("training.epochs=7", "defenses.epochs=3")).epochs());
    }

    @Test
    void theTrainingRecipeIsTheRunsModelTrainingAndSeed() {
        ExperimentConfig c = config("model.architecture=Mlp", "training.batch_size=16", "seed=5");
        TrainingStage.Recipe recipe = TrainingStage.Recipe.of(c);
        assertEquals("Mlp", recipe.model().architecture());
        assertEquals(16, recipe.training().batchSize());
        assertEquals(5, recipe.seed());
    }

    @Test
    void theWaveformStudysMinimumNormAttacksComeFromTheFactory() {
        InputBox fullScale = new InputBox(-1, 1);
        AttackFactory withDdn = AttackFactory.of(config("attacks.ddn_steps=4", "attacks.fmn_steps=6"), InputBox.UNIT,
                Shape.of(1, 128, 130), 3);
        Attack l2 = withDdn.minimumNorm(Norm.L2, fullScale);
        assertInstanceOf(Ddn.class, l2);
        assertEquals(Double.POSITIVE_INFINITY, ((AbstractAttack) l2).threatModel().epsilon());
        assertEquals(fullScale, ((AbstractAttack) l2).threatModel().box());
        assertInstanceOf(Fmn.class, withDdn.minimumNorm(Norm.LINF, fullScale));
        AttackFactory withoutDdn = AttackFactory.of(config("attacks.ddn_steps=0", "attacks.fmn_steps=0"), InputBox.UNIT,
                Shape.of(1, 128, 130), 3);
        assertInstanceOf(Fmn.class, withoutDdn.minimumNorm(Norm.L2, fullScale), "FMN (at least one step) when DDN is off");
    }
}
