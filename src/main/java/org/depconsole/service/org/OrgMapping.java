package org.depconsole.service.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;
import org.depconsole.domain.Server;
import org.depconsole.domain.apple.AccountDetail;
import org.depconsole.domain.org.OrgMdmServer;
import org.depconsole.persistence.OrgRepository;
import org.depconsole.service.ServerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the organization's MDM servers to the DEP servers linked in this console (reference §9): the same id as the DEP
 * account's {@code server_uuid} first, then the same unique name ({@code server_name} of the DEP account, or the
 * console's name for a server whose account details were never fetched). The mapping is stored with how it was found.
 */
public final class OrgMapping {

    private static final Logger LOG = LoggerFactory.getLogger(OrgMapping.class);

    private final OrgRepository store;
    private final ServerService servers;
    private final LongFunction<Optional<AccountDetail>> accountOf;

    /**
     * @param accountOf the DEP account details stored for a console server (server_uuid, server_name), empty when never fetched
     */
    public OrgMapping(OrgRepository store, ServerService servers, LongFunction<Optional<AccountDetail>> accountOf) {
        this.store = store;
        this.servers = servers;
        this.accountOf = accountOf;
    }

    /** Recomputes and stores the mapping of every MDM server of the account; returns the servers as mapped. */
    public List<OrgMdmServer> refresh(long accountId) {
        List<Server> console = servers.list();
        List<Candidate> candidates = new ArrayList<>();
        for (Server s : console) {
            Optional<AccountDetail> detail = Optional.empty();
            try {
                detail = accountOf.apply(s.id());
            } catch (RuntimeException e) {
                LOG.debug("no account details for server {}", s.id(), e);
            }
            candidates.add(new Candidate(s.id(), detail.map(AccountDetail::serverUuid).map(OrgMapping::normalId).orElse(null),
                    detail.map(AccountDetail::serverName).orElse(s.name())));
        }
        List<OrgMdmServer> out = new ArrayList<>();
        for (OrgMdmServer o : store.servers(accountId)) {
            Long match = null;
            OrgMdmServer.Mapping how = null;
            if (!o.gone() && o.canHaveToken()) {
                String id = normalId(o.id());
                List<Candidate> byId = candidates.stream().filter(c -> id.equals(c.uuid())).toList();
                if (byId.size() == 1) {
                    match = byId.get(0).serverId();
                    how = OrgMdmServer.Mapping.ID;
                } else {
                    String name = o.name().strip().toLowerCase(Locale.ROOT);
                    List<Candidate> byName = candidates.stream().filter(c -> c.name() != null && c.name().strip().toLowerCase(Locale.ROOT).equals(name))
                            .toList();
                    if (byName.size() == 1) {
                        match = byName.get(0).serverId();
                        how = OrgMdmServer.Mapping.NAME;
                    }
                }
            }
            if (!java.util.Objects.equals(match, o.consoleServerId()) || how != o.mappedBy()) {
                store.setMapping(accountId, o.id(), match, how);
            }
            out.add(o.mappedTo(match, how));
        }
        return out;
    }

    static String normalId(String id) {
        return id == null ? "" : id.replace("-", "").strip().toUpperCase(Locale.ROOT);
    }

    private record Candidate(long serverId, String uuid, String name) {
    }
}
