package org.parley.history.service.events;

import java.util.ArrayList;
import java.util.List;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.PublicationBasis;

/** The temporal oddities of one account, judged against its source's publication. */
public final class AccountAnomalies {

    private AccountAnomalies() {}

    public static List<Anomaly> of(AccountClaims claims, Publication publication) {
        List<Anomaly> anomalies = new ArrayList<>();
        if (publication.basis() == PublicationBasis.UNKNOWN
                || !publication.time().hasTime()) {
            anomalies.add(new Anomaly(
                    Anomaly.Kind.UNDATED_SOURCE,
                    "the source has no known publication time; it counts from when Parley recorded it"));
            return anomalies;
        }
        Moment occurred = claims == null || claims.occurred() == null
                ? null
                : claims.occurred().from();
        Moment published = publication.time();
        if (occurred != null
                && occurred.hasTime()
                && occurred.defect().isEmpty()
                && !occurred.start().isBefore(published.endExclusive())) {
            anomalies.add(new Anomaly(
                    Anomaly.Kind.PUBLISHED_BEFORE_OCCURRED,
                    "claims it occurred " + occurred.value() + ", after its source was published (" + published.value()
                            + ")"));
        }
        return anomalies;
    }
}
