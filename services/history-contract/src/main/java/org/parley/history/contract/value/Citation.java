package org.parley.history.contract.value;

/**
 * What a fact rests on: a registered source, a locator inside it (a paragraph number, a timestamp, a page), and,
 * only where the exact words are the fact, a short quoted fragment.
 */
public record Citation(String sourceId, String locator, String quote) {

    public static Citation of(String sourceId, String locator) {
        return new Citation(sourceId, locator, null);
    }
}
