package org.parley.history.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table: columns as wide as their widest cell, cut (with an ellipsis) until the table fits the
 * terminal. Colour codes are added after sizing, so they never count as width.
 */
final class Table {

    private static final int NARROWEST = 6;
    private static final int LAST_NARROWEST = 16;

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();
    private final List<boolean[]> marked = new ArrayList<>();
    private final boolean[] kept;

    Table(String... headers) {
        this.headers = headers;
        this.kept = new boolean[headers.length];
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

    /** Columns cut only when nothing else is left to cut: the ids a user types into the next command. */
    Table keep(int... columns) {
        for (int column : columns) {
            kept[column] = true;
        }
        return this;
    }

    /** The last column (a title, a summary: free text) gives way first, then the widest of the others. */
    private void fit(int[] widths, int available) {
        int gaps = 2 * (widths.length - 1);
        int last = widths.length - 1;
        while (Arrays.stream(widths).sum() + gaps > available && widths[last] > LAST_NARROWEST && !kept[last]) {
            widths[last]--;
        }
        for (boolean cutKept : new boolean[] {false, true}) {
            while (Arrays.stream(widths).sum() + gaps > available) {
                int widest = -1;
                for (int i = 0; i < widths.length; i++) {
                    if ((cutKept || !kept[i])
                            && widths[i] > floor(i, cutKept)
                            && (widest < 0 || widths[i] > widths[widest])) {
                        widest = i;
                    }
                }
                if (widest < 0) {
                    break;
                }
                widths[widest]--;
            }
        }
    }

    /** How narrow a column may get: at first its header stays whole, and the last column keeps a few words. */
    private int floor(int column, boolean cutKept) {
        if (cutKept) {
            return NARROWEST;
        }
        return column == headers.length - 1
                ? LAST_NARROWEST
                : Math.max(NARROWEST, Math.min(headers[column].length(), 10));
    }

    private static String pad(String text, int width, boolean last) {
        String cell = cut(text, width);
        return last ? cell : cell + " ".repeat(width - cell.length() + 2);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "…";
    }
}
