package org.parley.history.service.timeline;

import org.parley.history.contract.value.NarrativeSelection;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A narrative as the read side applies it: its selection as SQL. The built-in {@value #ALL_SOURCES} selects every
 * account and link.
 */
record NarrativeLens(String narrativeId, String title, String description, NarrativeSelection selection) {

    static final String ALL_SOURCES = "all-sources";

    static NarrativeLens allSources() {
        return new NarrativeLens(ALL_SOURCES, "All sources", "Every account and link on the ledger", null);
    }

    /** The condition that an account version (alias {@code v}) is selected, its parameters added. */
    String accountCondition(String alias, String prefix, MapSqlParameterSource parameters) {
        return condition(alias, prefix, parameters, false);
    }

    /** The condition that a link (alias {@code l}) is selected: by its source, outlet, account or own id. */
    String linkCondition(String alias, String prefix, MapSqlParameterSource parameters) {
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
