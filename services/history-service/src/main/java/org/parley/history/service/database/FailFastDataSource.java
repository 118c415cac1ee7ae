package org.parley.history.service.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool, closed while the last probe found PostgreSQL unreachable: callers are refused at once instead of each
 * waiting out the pool's connection timeout. That matters for coming back, not only for speed: HikariCP keeps trying
 * to open connections as long as anyone waits, backing off up to five seconds between tries, so a pool that is asked
 * throughout an outage may take five seconds to notice the server is back. Closed, nobody waits; the first request
 * after the probe saw the server again starts a fresh attempt at once.
 */
final class FailFastDataSource extends DelegatingDataSource {

    private volatile boolean away;

    FailFastDataSource(DataSource pool) {
        super(pool);
    }

    void away(boolean away) {
        this.away = away;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileAway();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileAway();
        return super.getConnection(username, password);
    }

    private void refuseWhileAway() throws SQLTransientConnectionException {
        if (away) {
            throw new SQLTransientConnectionException("PostgreSQL did not answer Parley's last probe", "08001");
        }
    }
}
