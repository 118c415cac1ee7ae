package org.parley.history.service.workbench;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as RFC 4180 CSV. A cell that a spreadsheet would run as a formula (it starts with =, +, - or @) is
 * prefixed with an apostrophe: a source's text must never execute on an analyst's machine.
 */
final class Csv {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Csv(String... header) {
        this.header = List.of(header);
    }

    Csv row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells under " + header.size());
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    int size() {
        return rows.size();
    }

    String text() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quoted = text.indexOf(',') >= 0
                || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0
                || text.startsWith(" ")
                || text.endsWith(" ");
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
