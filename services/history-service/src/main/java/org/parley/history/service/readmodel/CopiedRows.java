package org.parley.history.service.readmodel;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows of one plain {@code INSERT INTO <table> (columns) VALUES (?, ?::type, ...)} sent with {@code COPY <table> (columns) FROM
 * STDIN} on the transaction's own connection, each value in COPY's text format as PostgreSQL would read the
 * parameter: the same rows, fewer round trips and no per-statement work. Anything else (another shape of statement,
 * a value of a type it does not know) is left to the JDBC batch.
 */
final class CopiedRows {

    private static final Pattern PLAIN_INSERT = Pattern.compile(
            "INSERT INTO ([a-z_]+) \\(([a-z_, ]+)\\) VALUES \\(((?:\\?(?:::[a-z\\[\\]]+)?(?:, )?)+)\\)");

    /** Microseconds always written, as timestamptz keeps them; the offset as +00:00. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    private CopiedRows() {}

    /** True when the rows went out by COPY; false when this statement or a value is not one COPY is sure for. */
    static boolean send(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        Matcher insert = PLAIN_INSERT.matcher(sql);
        if (!insert.matches()) {
            return false;
        }
        StringBuilder text = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                if (!append(text, row[i])) {
                    return false;
                }
            }
            text.append('\n');
        }
        DataSource dataSource = jdbc.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY " + insert.group(1) + " (" + insert.group(2) + ") FROM STDIN",
                            new StringReader(text.toString()));
            return true;
        } catch (SQLException e) {
            DataAccessException translated = jdbc.getExceptionTranslator().translate("COPY", sql, e);
            throw translated != null ? translated : new UncategorizedSQLException("COPY", sql, e);
        } catch (IOException e) {
            throw new IllegalStateException("could not send rows to " + insert.group(1), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static boolean append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String string) {
            escape(text, string);
        } else if (value instanceof OffsetDateTime time) {
            if (time.getYear() < 1 || time.getYear() > 9999) {
                // years PostgreSQL writes otherwise (BC, more digits): the JDBC batch has the driver say them
                return false;
            }
            text.append(TIME.format(time));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            text.append(value);
        } else {
            return false;
        }
        return true;
    }

    private static void escape(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
