package org.parley.history.service.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.history.service.sources.read.SourceProvenance.ProvenanceEdge;
import org.parley.history.service.sources.read.SourceProvenance.Relation;
import org.parley.history.service.sources.read.SourceProvenance.SourceAnswer;
import org.parley.history.service.sources.read.SourceProvenance.SourceNode;

/**
 * A source's provenance drawn in columns: what republishes or rests on it on the left, the source itself, then what
 * it rests on, and what those rest on, to the right. Each arrow points from a source to what it came from.
 */
public record ProvenanceChart(int width, int height, List<Box> boxes, List<Arrow> arrows) {

    static final int COLUMN = 260;
    static final int ROW = 56;
    static final int BOX_WIDTH = 220;
    static final int BOX_HEIGHT = 40;

    public record Box(String sourceId, String label, String title, int x, int y, boolean self) {}

    public record Arrow(int x1, int y1, int x2, int y2, String relation) {}

    static ProvenanceChart of(SourceAnswer answer, Map<String, SourceNode> sources) {
        String self = answer.source().sourceId();
        Map<String, Integer> column = new LinkedHashMap<>();
        column.put(self, 1);
        answer.republishedBy().forEach(id -> column.putIfAbsent(id, 0));
        answer.restedOnBy().forEach(id -> column.putIfAbsent(id, 0));
        // the provenance edges lead away from the source, hop by hop; each hop is one column further right
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ProvenanceEdge edge : answer.provenance()) {
                Integer from = column.get(edge.from());
                if (from != null && from >= 1 && !column.containsKey(edge.to())) {
                    column.put(edge.to(), from + 1);
                    grew = true;
                }
            }
        }
        Map<Integer, Integer> rows = new LinkedHashMap<>();
        Map<String, Box> boxes = new LinkedHashMap<>();
        int columns = 0;
        for (Map.Entry<String, Integer> placed : column.entrySet()) {
            int c = placed.getValue();
            int r = rows.merge(c, 1, Integer::sum) - 1;
            columns = Math.max(columns, c + 1);
            SourceNode node = sources.get(placed.getKey());
            String title = node == null ? placed.getKey() : node.title();
            boxes.put(
                    placed.getKey(),
                    new Box(
                            placed.getKey(),
                            shorten(title, 34),
                            title,
                            10 + c * COLUMN,
                            10 + r * ROW,
                            placed.getKey().equals(self)));
        }
        List<Arrow> arrows = new ArrayList<>();
        List<ProvenanceEdge> edges = new ArrayList<>(answer.provenance());
        answer.republishedBy().forEach(id -> edges.add(new ProvenanceEdge(id, Relation.REPUBLICATION_OF, self)));
        answer.restedOnBy().forEach(id -> edges.add(new ProvenanceEdge(id, Relation.RESTS_ON, self)));
        for (ProvenanceEdge edge : edges) {
            Box from = boxes.get(edge.from());
            Box to = boxes.get(edge.to());
            if (from != null && to != null && from != to) {
                arrows.add(new Arrow(
                        from.x() + BOX_WIDTH,
                        from.y() + BOX_HEIGHT / 2,
                        to.x(),
                        to.y() + BOX_HEIGHT / 2,
                        edge.relation() == Relation.REPUBLICATION_OF ? "republishes" : "rests on"));
            }
        }
        int tallest = rows.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        return new ProvenanceChart(
                Math.max(1, columns) * COLUMN + 20,
                tallest * ROW + 20,
                List.copyOf(boxes.values()),
                List.copyOf(arrows));
    }

    private static String shorten(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
