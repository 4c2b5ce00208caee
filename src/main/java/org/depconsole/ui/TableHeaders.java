package org.depconsole.ui;

import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** Column widths that never cut a column's title, whatever the language or the font. */
public final class TableHeaders {

    /** Room beside the title: the header's padding and the sort arrow. */
    private static final double ROOM = 34;

    private TableHeaders() {
    }

    /** The width a column's title needs (bold, as headers are drawn). */
    public static double titleWidth(TableColumnBase<?, ?> column) {
        return titleWidth(column, Font.getDefault().getSize() * 1.1); // themes draw headers a little larger than the default
    }

    private static double titleWidth(TableColumnBase<?, ?> column, double size) {
        Font base = Font.font(Font.getDefault().getFamily(), size);
        Text text = new Text(column.getText() == null ? "" : column.getText());
        text.setFont(Font.font(base.getFamily(), FontWeight.BOLD, base.getSize()));
        return Math.ceil(text.getLayoutBounds().getWidth()) + ROOM;
    }

    /** Every column at least as wide as its title; its title's width is also its smallest width. */
    public static void fit(TableView<?> table) {
        for (TableColumn<?, ?> column : table.getColumns()) {
            fit(column);
        }
    }

    public static void fit(TableColumnBase<?, ?> column) {
        double need = titleWidth(column);
        column.setMinWidth(Math.max(column.getMinWidth(), need));
        if (column.getPrefWidth() < need) {
            column.setPrefWidth(need);
        }
    }

    /** Rows measured per column: enough for the page the admin sees, cheap for a journal of thousands. */
    private static final int MEASURED_ROWS = 300;
    /** A cell's padding left and right. */
    private static final double CELL_ROOM = 32;

    /**
     * Every column as wide as its title and its widest value (of the first rows), refitted when the rows change; the
     * last column takes what is left of the table's width, so nothing is cut off while there is room and nothing is
     * empty at the right. A table wider than its view scrolls sideways.
     */
    public static void fill(TableView<?> table) {
        fit(table);
        fillItems(table);
        // and whenever a layout shows another number of rows (a filtered or replaced list the listeners may not see)
        int[] fitted = {-1};
        table.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.addPostLayoutPulseListener(() -> {
                    int n = table.getItems() == null ? 0 : table.getItems().size();
                    if (n != fitted[0] && table.getScene() == scene) {
                        fitted[0] = n;
                        fitContent(table);
                    }
                });
            }
        });
        table.widthProperty().addListener((o, was, now) -> fitContent(table));
        table.skinProperty().addListener((o, was, now) -> javafx.application.Platform.runLater(() -> fitContent(table)));
        fitContent(table);
    }

    /** Follows the rows, also of a list set later with {@code setItems}. */
    private static <S> void fillItems(TableView<S> table) {
        // measured once the change is complete (a controller sets its cell value factories after its items)
        javafx.collections.ListChangeListener<S> rowsChanged = c -> javafx.application.Platform.runLater(() -> fitContent(table));
        table.getItems().addListener(rowsChanged);
        table.itemsProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removeListener(rowsChanged);
            }
            if (now != null) {
                now.addListener(rowsChanged);
            }
            javafx.application.Platform.runLater(() -> fitContent(table));
        });
    }

    private static void fitContent(TableView<?> table) {
        List<? extends TableColumn<?, ?>> columns = table.getVisibleLeafColumns();
        if (columns.isEmpty()) {
            return;
        }
        // the font the theme gives the table's cells (the header's label is skinned first); the default before that
        Font font = Font.getDefault();
        if (table.lookup(".column-header .label") instanceof javafx.scene.control.Labeled header) {
            font = Font.font(header.getFont().getFamily(), header.getFont().getSize());
        }
        Text probe = new Text();
        probe.setFont(font);
        int rows = Math.min(MEASURED_ROWS, table.getItems().size());
        double total = 0;
        double[] widths = new double[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            TableColumn<?, ?> column = columns.get(c);
            double w = titleWidth(column, font.getSize());
            for (int r = 0; r < rows; r++) {
                Object value = column.getCellData(r);
                if (value != null) {
                    probe.setText(value.toString());
                    w = Math.max(w, Math.ceil(probe.getLayoutBounds().getWidth()) + CELL_ROOM);
                }
            }
            widths[c] = Math.min(w, 480);
            total += widths[c];
        }
        double room = table.getWidth() - total - 18; // the vertical scroll bar
        if (room > 0) {
            widths[widths.length - 1] += room;
        }
        for (int c = 0; c < columns.size(); c++) {
            columns.get(c).setPrefWidth(widths[c]);
        }
    }
}
