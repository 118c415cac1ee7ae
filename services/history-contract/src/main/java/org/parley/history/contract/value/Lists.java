package org.parley.history.contract.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Absent lists read as empty, so that a retried command equals its first attempt whether or not it sent []. */
public final class Lists {

    private Lists() {}

    public static <T> List<T> immutable(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
