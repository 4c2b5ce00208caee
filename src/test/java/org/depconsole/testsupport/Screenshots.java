package org.depconsole.testsupport;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Writes a PNG of a scene under target/screenshots (works headless, without javafx-swing). */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path save(Scene scene, String name) {
        try {
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(20, TimeUnit.SECONDS);
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            PixelReader pixels = image.getPixelReader();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.setRGB(x, y, pixels.getArgb(x, y));
                }
            }
            Path dir = Path.of(System.getProperty("depconsole.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            ImageIO.write(out, "png", file.toFile());
            return file;
        } catch (IOException | InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("screenshot " + name + " failed", e);
        }
    }

    /**
     * A screenshot the README shows: written like {@link #save}, and copied to docs/images when the build asks for it
     * ({@code -Ddocs.images}, see pom.xml). Names are {@code <screen>-<light|dark>}.
     */
    public static Path saveForDocs(Scene scene, String name) {
        Path file = save(scene, name);
        String docs = System.getProperty("depconsole.docs.images", "");
        if (docs.isBlank()) {
            return file;
        }
        try {
            Path dir = Path.of(docs);
            Files.createDirectories(dir);
            Files.copy(file, dir.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("screenshot " + name + " could not be copied to " + docs, e);
        }
    }
}
