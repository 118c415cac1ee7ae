package org.parley.history.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table: columns as wide as their widest cell, the widest cut (with an ellipsis) until the table fits
 * the terminal. Colour codes are added after sizing, so they never count as width.
 */
final class Table {

    private static final int NARROWEST = 6;

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();
    private final List<boolean[]> marked = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers;
    }

    Table row(Object... cells) {
        String[] row = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            Object cell = i < cells.length ? cells[i] : null;
            row[i] = cell == null ? "" : cell.toString().replace('\n', ' ');
        }
        rows.add(row);
        marked.add(new boolean[headers.length]);
        return this;
    }

    /** Marks a cell of the last row as disputed. */
    Table mark(int column) {
        marked.get(marked.size() - 1)[column] = true;
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(Terminal terminal) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < headers.length; i++) {
                widths[i] = Math.max(widths[i], rows.get(r)[i].length() + (marked.get(r)[i] ? 1 : 0));
            }
        }
        fit(widths, terminal.width);
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < headers.length; i++) {
            header.append(pad(headers[i], widths[i], i == headers.length - 1));
        }
        terminal.out.println(terminal.bold(header.toString().stripTrailing()));
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < headers.length; i++) {
                boolean mark = marked.get(r)[i];
                String cell = cut(rows.get(r)[i], widths[i] - (mark ? 1 : 0));
                String shown = mark ? terminal.disputed(cell) : cell;
                int padding = widths[i] - cell.length() - (mark ? 1 : 0);
                line.append(shown);
                if (i < headers.length - 1) {
                    line.append(" ".repeat(Math.max(0, padding) + 2));
                }
            }
            terminal.out.println(line.toString().stripTrailing());
        }
        terminal.out.flush();
    }

    private static void fit(int[] widths, int available) {
        int gaps = 2 * (widths.length - 1);
        while (Arrays.stream(widths).sum() + gaps > available) {
            int widest = 0;
            for (int i = 1; i < widths.length; i++) {
                if (widths[i] > widths[widest]) {
                    widest = i;
                }
            }
            if (widths[widest] <= NARROWEST) {
                return;
            }
            widths[widest]--;
        }
    }

    private static String pad(String text, int width, boolean last) {
        String cell = cut(text, width);
        return last ? cell : cell + " ".repeat(width - cell.length() + 2);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "…";
    }
}
