package org.depconsole.appleapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.apple.Profile;

/**
 * A profile as Apple-native JSON: exactly the body {@code POST /profile} takes (dep-api.md §5.1), for storing preset
 * versions and for import/export. Reading keeps fields this version does not know.
 */
public final class ProfileJson {

    private ProfileJson() {
    }

    /** Pretty-printed; blank optional strings and unset flags are left out, like the request Apple gets. */
    public static String write(Profile p) {
        try {
            return Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Json.profileRequest(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profile could not be written as JSON", e);
        }
    }

    /** @throws ConsoleException {@code profiles.error.json} when the text is not a JSON object with fields of the right types */
    public static Profile read(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json == null ? "" : json);
            if (node == null || !node.isObject()) {
                throw new ConsoleException("profiles.error.json");
            }
            Dto.Profile dto = Json.MAPPER.treeToValue(node, Dto.Profile.class);
            // Apple returns profile_uuid on GET; it is not part of what defines a profile
            dto.profileUuid = null;
            return Json.profile(dto);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConsoleException("profiles.error.json");
        }
    }
}
