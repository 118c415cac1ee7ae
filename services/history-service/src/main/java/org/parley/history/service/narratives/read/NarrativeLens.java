package org.parley.history.service.narratives.read;

import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.service.events.read.AccountRows;
import org.parley.history.service.events.read.AccountSelection;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A narrative as the read side applies it: its selection as SQL. The built-in {@value #ALL_SOURCES} selects every
 * account and link.
 */
record NarrativeLens(String narrativeId, String title, String description, NarrativeSelection selection)
        implements AccountSelection {

    static final String ALL_SOURCES = "all-sources";

    static NarrativeLens allSources() {
        return new NarrativeLens(ALL_SOURCES, "All sources", "Every account and link on the ledger", null);
    }

    boolean selects(AccountRows.VersionRow version) {
        return selection == null
                || selection.sourceIds().contains(version.sourceId())
                || (version.outlet() != null && selection.outlets().contains(version.outlet()))
                || selection.accountIds().contains(version.accountId());
    }

    boolean selects(AccountRows.LinkRow link) {
        return selection == null
                || selection.sourceIds().contains(link.sourceId())
                || (link.outlet() != null && selection.outlets().contains(link.outlet()))
                || (link.accountId() != null && selection.accountIds().contains(link.accountId()))
                || selection.linkIds().contains(link.linkId());
    }

    @Override
    public boolean selective() {
        return selection != null;
    }

    @Override
    public String accountCondition(String alias, String prefix, MapSqlParameterSource parameters) {
        return condition(alias, prefix, parameters, false);
    }

    /** A link is selected by its source, outlet, account or own id. */
    @Override
    public String linkCondition(String alias, String prefix, MapSqlParameterSource parameters) {
        return condition(alias, prefix, parameters, true);
    }

    private String condition(String alias, String prefix, MapSqlParameterSource parameters, boolean links) {
        if (selection == null) {
            return "TRUE";
        }
        StringBuilder sql = new StringBuilder("(FALSE");
        if (!selection.sourceIds().isEmpty()) {
            sql.append(" OR ")
                    .append(alias)
                    .append(".source_id IN (:")
                    .append(prefix)
                    .append("Sources)");
            parameters.addValue(prefix + "Sources", selection.sourceIds());
        }
        if (!selection.outlets().isEmpty()) {
            sql.append(" OR ")
                    .append(alias)
                    .append(".outlet IN (:")
                    .append(prefix)
                    .append("Outlets)");
            parameters.addValue(prefix + "Outlets", selection.outlets());
        }
        if (!selection.accountIds().isEmpty()) {
            sql.append(" OR ")
                    .append(alias)
                    .append(".account_id IN (:")
                    .append(prefix)
                    .append("Accounts)");
            parameters.addValue(prefix + "Accounts", selection.accountIds());
        }
        if (links && !selection.linkIds().isEmpty()) {
            sql.append(" OR ")
                    .append(alias)
                    .append(".link_id IN (:")
                    .append(prefix)
                    .append("Links)");
            parameters.addValue(prefix + "Links", selection.linkIds());
        }
        return sql.append(")").toString();
    }
}
