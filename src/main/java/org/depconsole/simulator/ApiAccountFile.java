package org.depconsole.simulator;

/**
 * What the simulated portal hands out for an API account (apple-business-api.md §2): the client ID and key ID shown on
 * the account's "Manage" page and the private key file "Generate Private Key" downloads (PKCS#8 under the
 * {@code EC PRIVATE KEY} label, as Apple's). The PEM is a secret: pass it straight to the console's key import or to
 * an owner-only file. {@link #toString()} hides it.
 *
 * @param fileName the name a browser would save the key under
 */
public record ApiAccountFile(String name, String clientId, String keyId, String privateKeyPem, String fileName) {

    @Override
    public String toString() {
        return "ApiAccountFile[name=" + name + ", clientId=" + clientId + ", keyId=" + keyId + ", fileName=" + fileName
                + ", privateKeyPem=(hidden)]";
    }
}
