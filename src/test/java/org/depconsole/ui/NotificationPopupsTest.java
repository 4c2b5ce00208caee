package org.depconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationPopupsTest {

    private static final String REJECTED = "Apple rejected the server token because it was replaced, revoked or has expired (downloading "
            + "a token anywhere else, even in another tool, invalidates this one): download a new token for this MDM server in "
            + "Apple Business Manager or Apple School Manager and import it.";

    @Test
    void aLongSentenceIsBrokenAtSpacesIntoLinesNoLongerThanTheWidthAndNothingIsLost() {
        String wrapped = NotificationPopups.wrap(REJECTED, 70);
        assertThat(wrapped.lines()).hasSizeGreaterThanOrEqualTo(4).allSatisfy(line -> {
            assertThat(line.length()).isLessThanOrEqualTo(70);
            assertThat(line).doesNotStartWith(" ").doesNotEndWith(" ");
        });
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(REJECTED);
    }

    @Test
    void shortTextsLongWordsAndLineBreaksStayAsTheyAre() {
        assertThat(NotificationPopups.wrap("Synced.", 70)).isEqualTo("Synced.");
        assertThat(NotificationPopups.wrap(null, 70)).isNull();
        String path = "/home/admin/Downloads/" + "x".repeat(80) + "_smime.p7m";
        assertThat(NotificationPopups.wrap("Could not read " + path + " at all.", 30))
                .isEqualTo("Could not read\n" + path + "\nat all.");
        assertThat(NotificationPopups.wrap("first line of it\nsecond line that is a little longer", 20))
                .isEqualTo("first line of it\nsecond line that is\na little longer");
    }
}
