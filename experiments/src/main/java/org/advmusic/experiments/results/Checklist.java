package org.advmusic.experiments.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.evaluation.SanityChecklist;

/**
 * The evaluation sanity checklist of one model (Carlini et al. 2019), one item per check.
 *
 * @param model      the checked model's name
 * @param checkpoint the hash of the checked checkpoint's weights; null when not recorded
 * @param samples    samples the checks ran on; null when not recorded
 * @param tolerance  the largest change a check accepts, as a fraction of samples; NaN when not recorded
 */
public record Checklist(String model, String checkpoint, Long samples, double tolerance, List<Item> items) {

    /** The checklist of {@code model} from the attacks module's result. */
    public static Checklist of(String model, String checkpoint, SanityChecklist.Result result) {
        return new Checklist(model, checkpoint, (long) result.samples(), result.tolerance(), result.items().stream()
                .map(i -> new Item(i.check(), i.verdict().name(), i.detail(), i.numbers())).toList());
    }

    static Checklist parse(JsonField f) throws MalformedResultsException {
        return new Checklist(f.require("model").text(), f.get("checkpoint").optionalText(), f.get("samples").optionalInteger(),
                f.get("tolerance").optionalNumber(), f.get("items").list(Item::parse));
    }

    ObjectNode toJson() {
        ObjectNode node = ResultsJson.object().put("model", model);
        ResultsJson.text(node, "checkpoint", checkpoint);
        ResultsJson.integer(node, "samples", samples);
        ResultsJson.number(node, "tolerance", tolerance);
        node.set("items", ResultsJson.array(items, Item::toJson));
        return node;
    }

    /** Items whose verdict is not PASS. */
    public long warnings() {
        return items.stream().filter(item -> !item.passed()).count();
    }

    /**
     * @param check   what was checked
     * @param verdict PASS, WARN or INCONCLUSIVE (a number is undefined, or the samples cannot resolve the tolerance)
     * @param detail  the numbers in words; null when absent
     * @param numbers the numbers by name (NaN when undefined)
     */
    public record Item(String check, String verdict, String detail, Map<String, Double> numbers) {
        private static final List<String> VERDICTS = List.of("PASS", "WARN", "INCONCLUSIVE");

        static Item parse(JsonField f) throws MalformedResultsException {
            JsonField verdict = f.require("verdict");
            String text = verdict.text();
            if (!VERDICTS.contains(text)) {
                throw verdict.error("expected one of " + String.join(", ", VERDICTS) + ", found \"" + text + "\"");
            }
            return new Item(f.require("check").text(), text, f.get("detail").optionalText(),
                    f.get("numbers").map(JsonField::optionalNumber));
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("check", check).put("verdict", verdict);
            ResultsJson.text(node, "detail", detail);
            ObjectNode values = node.putObject("numbers");
            numbers.forEach((name, value) -> ResultsJson.number(values, name, value));
            return node;
        }

        /** Whether the check passed. */
        public boolean passed() {
            return verdict.equals("PASS");
        }
    }
}
