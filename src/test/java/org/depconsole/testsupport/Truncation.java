package org.depconsole.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Finds text the window cuts off with an ellipsis. Walks every node that is shown (it and all its parents visible),
 * including the controls' skins, so table headers, tab headers, buttons and combo boxes count. A {@link Labeled}
 * is truncated when the text it renders differs from its text and ends with its ellipsis string. Table cells are data:
 * a long value may be cut off, but not while the table has room to the right of its columns.
 */
public final class Truncation {

    private Truncation() {
    }

    /** Fails naming every cut-off text of the scene. */
    public static void assertNoneIn(Scene scene) throws Exception {
        List<String> cut = WaitForAsyncUtils.asyncFx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return find(scene.getRoot());
        }).get();
        assertThat(cut).as("text cut off with an ellipsis in %s", scene.getRoot().getStyleClass()).isEmpty();
    }

    /** The texts cut off under {@code root} (on the FX thread). */
    public static List<String> find(Parent root) {
        List<String> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private static void walk(Node node, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled) {
            check(labeled, out);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, out);
            }
        }
    }

    private static void check(Labeled labeled, List<String> out) {
        String text = labeled.getText();
        if (text == null || text.isEmpty()) {
            return;
        }
        Text rendered = renderedText(labeled);
        if (rendered == null) {
            return;
        }
        String shown = rendered.getText();
        String expected = labeled.isMnemonicParsing() ? text.replaceFirst("_(?=.)", "") : text;
        String ellipsis = labeled.getEllipsisString();
        boolean truncated = shown != null && !shown.equals(expected) && !shown.equals(text) && ellipsis != null && !ellipsis.isEmpty()
                && (shown.endsWith(ellipsis) || shown.contains(ellipsis));
        if (!truncated) {
            return;
        }
        if (labeled instanceof IndexedCell<?> && !tableHasRoomLeft(labeled)) {
            return; // a long value in a full table: the column can be widened, the tooltip or detail shows it
        }
        out.add(describe(labeled) + " shows \"" + shown + "\" for \"" + text + "\" (width " + Math.round(labeled.getWidth()) + ")");
    }

    /** The text node a Labeled's skin renders (its only direct Text child). */
    private static Text renderedText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text t) {
                return t;
            }
        }
        return null;
    }

    private static boolean tableHasRoomLeft(Node cell) {
        Node n = cell.getParent();
        while (n != null && !(n instanceof TableView<?>)) {
            n = n.getParent();
        }
        if (!(n instanceof TableView<?> table)) {
            return false;
        }
        double used = table.getVisibleLeafColumns().stream().mapToDouble(c -> c.getWidth()).sum();
        return table.getWidth() - used > 40;
    }

    private static String describe(Node node) {
        StringBuilder path = new StringBuilder(node.getClass().getSimpleName());
        if (node.getId() != null) {
            path.append('#').append(node.getId());
        }
        Node p = node.getParent();
        for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
            path.append(" in ").append(p.getClass().getSimpleName());
            if (p.getId() != null) {
                path.append('#').append(p.getId());
                break;
            }
        }
        return path.toString();
    }
}
