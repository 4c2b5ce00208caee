package org.depconsole.service;

import org.depconsole.domain.ConsoleException;

/** No server of that name is stored. */
public class ServerNotFoundException extends ConsoleException {

    public ServerNotFoundException(String name) {
        super("servers.error.notFound", name);
    }
}
