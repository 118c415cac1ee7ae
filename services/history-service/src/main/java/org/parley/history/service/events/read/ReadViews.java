package org.parley.history.service.events.read;

import java.util.List;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.service.readmodel.Reported;

/** The pieces every read answer is made of. Each claim carries the citations it rests on. */
public final class ReadViews {

    private ReadViews() {}

    /**
     * Where a claim comes from: the source and the place in it, the account it belongs to, and the fact (the
     * account itself or a correction of it) that made the claim. In a field's values, a claim the account itself
     * makes is cited by source, locator and account only; the account's own entry says when it counts.
     */
    public record CitationView(
            String sourceId,
            String locator,
            String quote,
            String accountId,
            AccountFact.Kind fact,
            String factId,
            Reported reported) {}

    /** One value of a field, and the accounts that give it. */
    public record ValueView(Object value, List<String> accounts, List<CitationView> citations) {}

    public enum FieldStatus {
        /** Every account that speaks to the field gives the same value. */
        AGREED,
        /** The accounts give different values; all of them are shown. */
        DISPUTED
    }

    public record FieldView(FieldStatus status, List<ValueView> values) {}

    public record AccountView(
            String accountId,
            String sourceId,
            String summary,
            CitationView citation,
            List<CitationView> corrections,
            List<Anomaly> anomalies) {}

    public record LinkView(
            String linkId, String from, LinkRelation relation, String to, String accountId, CitationView citation) {}

    public record AnomalyView(String accountId, String sourceId, Anomaly.Kind kind, String detail) {}
}
