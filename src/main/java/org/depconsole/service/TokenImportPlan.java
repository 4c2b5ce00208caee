package org.depconsole.service;

import java.util.Optional;
import org.depconsole.domain.ServerToken;
import org.depconsole.domain.TokenSummary;

/**
 * A decrypted token that is ready to be stored, with what storing it would change. Nothing is
 * written until {@link ServerService#applyToken} is called with it, so the admin can be asked first.
 *
 * @param current           what is stored now, empty for a first import
 * @param identityChanged   the token's consumer key differs from the stored one: it may belong to another server
 */
public record TokenImportPlan(long serverId, String serverName, ServerToken token, TokenSummary incoming,
                              Optional<TokenSummary> current, boolean identityChanged, boolean expired) {

    public boolean renewal() {
        return current.isPresent();
    }

    @Override
    public String toString() {
        return "TokenImportPlan[server=" + serverName + ", incoming=" + incoming + ", identityChanged=" + identityChanged + "]";
    }
}
