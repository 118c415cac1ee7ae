package org.parley.history.service.events.read;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Which accounts and links a question looks at, as SQL over the events' read model: a narrative's selection, or
 * everything. The events' read side does not know narratives; narratives select through this.
 */
public interface AccountSelection {

    /** Whether this selects only some accounts (a narrative's own are few, and fetched by index). */
    boolean selective();

    /** The condition that an account version (alias {@code alias}) is selected, its parameters added. */
    String accountCondition(String alias, String prefix, MapSqlParameterSource parameters);

    /** The condition that a link (alias {@code alias}) is selected, its parameters added. */
    String linkCondition(String alias, String prefix, MapSqlParameterSource parameters);
}
