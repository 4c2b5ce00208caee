package org.depconsole.testsupport;

import java.io.File;
import java.lang.reflect.Method;
import java.util.List;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * Drops files onto a node the way the OS drag-and-drop system would: a DRAG_OVER then a DRAG_DROPPED
 * event carrying a dragboard with the files. (A robot cannot drag from the desktop in a headless test.)
 * Must run on the FX thread.
 */
public final class Drops {

    private Drops() {
    }

    public static boolean dropFiles(Node target, List<File> files) {
        Dragboard board = newDragboard();
        ClipboardContent content = new ClipboardContent();
        content.putFiles(files);
        board.setContent(content);
        var bounds = target.localToScene(target.getBoundsInLocal());
        double x = bounds.getCenterX();
        double y = bounds.getCenterY();
        Event.fireEvent(target, new DragEvent(null, target, DragEvent.DRAG_OVER, board, x, y, x, y, TransferMode.COPY, null, target, null));
        DragEvent drop = new DragEvent(null, target, DragEvent.DRAG_DROPPED, board, x, y, x, y, TransferMode.COPY, null, target, null);
        Event.fireEvent(target, drop);
        return true;
    }

    /** A dragboard whose peer answers like an OS file drag (transfer mode COPY), backed by a map. */
    private static Dragboard newDragboard() {
        try {
            Class<?> peerType = Class.forName("com.sun.javafx.tk.TKClipboard");
            java.util.Map<Object, Object> content = new java.util.HashMap<>();
            Object peer = java.lang.reflect.Proxy.newProxyInstance(peerType.getClassLoader(), new Class<?>[] {peerType}, (proxy, m, args) -> {
                switch (m.getName()) {
                    case "getTransferModes":
                        return java.util.EnumSet.of(TransferMode.COPY);
                    case "putContent":
                        for (Object pair : (Object[]) args[0]) {
                            var p = (javafx.util.Pair<?, ?>) pair;
                            content.put(p.getKey(), p.getValue());
                        }
                        return true;
                    case "getContent":
                        return content.get(args[0]);
                    case "hasContent":
                        return content.containsKey(args[0]);
                    case "getContentTypes":
                        return new java.util.HashSet<>(content.keySet());
                    case "getDragView":
                        return null;
                    case "getDragViewOffsetX":
                    case "getDragViewOffsetY":
                        return 0.0;
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    case "toString":
                        return "test dragboard";
                    default:
                        return null;
                }
            });
            Class<?> helper = Class.forName("com.sun.javafx.scene.input.DragboardHelper");
            for (Method m : helper.getMethods()) {
                if (m.getName().equals("createDragboard")) {
                    return (Dragboard) (m.getParameterCount() == 2 ? m.invoke(null, peer, false) : m.invoke(null, peer));
                }
            }
            throw new IllegalStateException("no DragboardHelper.createDragboard in this JavaFX");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a dragboard", e);
        }
    }
}
