package org.advmusic.experiments.report;

import java.util.List;

/**
 * The evaluation sanity checklist of one model (Carlini et al. 2019), one item per check.
 *
 * @param model the checked model's name
 */
record Checklist(String model, List<Item> items) {

    static Checklist parse(JsonField f) throws MalformedResultsException {
        return new Checklist(f.require("model").text(), f.get("items").list(Item::parse));
    }

    /** Items whose verdict is not PASS. */
    long warnings() {
        return items.stream().filter(item -> !item.passed()).count();
    }

    /**
     * @param check   what was checked
     * @param verdict PASS or WARN
     * @param detail  the numbers in words; null when absent
     */
    record Item(String check, String verdict, String detail) {
        static Item parse(JsonField f) throws MalformedResultsException {
            JsonField verdict = f.require("verdict");
            String text = verdict.text();
            if (!text.equals("PASS") && !text.equals("WARN")) {
                throw verdict.error("expected PASS or WARN, found \"" + text + "\"");
            }
            return new Item(f.require("check").text(), text, f.get("detail").optionalText());
        }

        /** Whether the check passed. */
        boolean passed() {
            return verdict.equals("PASS");
        }
    }
}
