package org.depconsole.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The P-256 private key of an Apple Business / School Manager API account (apple-business-api.md §2): reads the
 * {@code .pem} the portal downloads, turns it into bytes to {@link SecretStore#seal seal} and back, and (for the
 * simulator) creates such keys. Key material never appears in messages or {@code toString}.
 *
 * <p>The portal's file says {@code BEGIN EC PRIVATE KEY} but holds PKCS#8; true SEC1 bodies, {@code BEGIN PRIVATE KEY}
 * and PKCS#8 with explicit curve parameters are all accepted and normalised to a named-curve PKCS#8 key of the JDK.
 */
public final class ApiKeys {

    /** The curve Apple's keys use (secp256r1 / prime256v1). */
    public static final String CURVE = "secp256r1";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ECParameterSpec P256 = p256();

    private ApiKeys() {
    }

    /**
     * Reads the key file.
     *
     * @throws KeyImportException {@code key.error.apiKeyUnreadable} (no key in the file), {@code key.error.apiKeyEncrypted}
     *                            (password-protected), {@code key.error.apiKeyWrongType} (RSA or another curve)
     */
    public static ECPrivateKey readPrivateKey(byte[] file) {
        Objects.requireNonNull(file, "file");
        String text = new String(file, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN")) {
            throw new KeyImportException("key.error.apiKeyUnreadable");
        }
        // the JDK first: a named-curve PKCS#8 body under either label (the portal's usual file)
        ECPrivateKey direct = tryJdkPkcs8(text);
        if (direct != null) {
            return direct;
        }
        PrivateKeyInfo info = null;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object o = parser.readObject(); o != null && info == null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    info = pair.getPrivateKeyInfo();
                } else if (o instanceof PrivateKeyInfo pki) {
                    info = pki;
                } else if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new KeyImportException("key.error.apiKeyEncrypted");
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new KeyImportException(e, "key.error.apiKeyUnreadable");
        }
        if (info == null) {
            throw new KeyImportException("key.error.apiKeyUnreadable");
        }
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
            throw new KeyImportException("key.error.apiKeyWrongType");
        }
        try {
            // explicit curve parameters or SEC1: rebuild as a named-curve key from the scalar
            var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
            var params = info.getPrivateKeyAlgorithm().getParameters();
            if (params == null || params instanceof org.bouncycastle.asn1.ASN1Null) {
                params = sec1.getParametersObject(); // SEC1 keeps the curve in its own [0] field
            }
            return fromScalar(sec1.getKey(), params);
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyImportException(e, "key.error.apiKeyUnreadable");
        }
    }

    /** The bytes to seal in the {@link SecretStore}: the key's PKCS#8 DER (never write them anywhere unsealed). */
    public static byte[] toSealable(ECPrivateKey key) {
        Objects.requireNonNull(key, "key");
        return key.getEncoded();
    }

    /**
     * Rebuilds the key from what {@link #toSealable} gave (after {@link SecretStore#open}).
     *
     * @throws KeyImportException {@code key.error.apiKeyStoredUnreadable} when the bytes are not such a key
     */
    public static ECPrivateKey fromSealable(byte[] pkcs8Der) {
        Objects.requireNonNull(pkcs8Der, "pkcs8Der");
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8Der));
            if (key instanceof ECPrivateKey ec && isP256(ec.getParams())) {
                return ec;
            }
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new KeyImportException(e, "key.error.apiKeyStoredUnreadable");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no EC key factory", e);
        }
        throw new KeyImportException("key.error.apiKeyStoredUnreadable");
    }

    /** A new P-256 key pair (the simulator's "Generate Private Key"). */
    public static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(CURVE), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a P-256 key pair", e);
        }
    }

    /**
     * The key file as Apple's portal writes it: the PKCS#8 body under the {@code EC PRIVATE KEY} label (§2), LF line
     * ends. The result is a secret: hand it straight to the file or the admin.
     */
    public static String portalPem(PrivateKey key) {
        return ServerKeys.pem("EC PRIVATE KEY", key.getEncoded());
    }

    /** The same key as a standard {@code BEGIN PRIVATE KEY} PKCS#8 PEM. */
    public static String pkcs8Pem(PrivateKey key) {
        return ServerKeys.pem("PRIVATE KEY", key.getEncoded());
    }

    /** The public key that belongs to a P-256 private key (computed, so a stored private key is enough). */
    public static ECPublicKey publicKeyOf(ECPrivateKey key) {
        var curve = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName("P-256");
        var q = curve.getG().multiply(key.getS()).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        try {
            PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, P256));
            return (ECPublicKey) pub;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot rebuild a P-256 public key", e);
        }
    }

    private static ECPrivateKey tryJdkPkcs8(String text) {
        int begin = text.indexOf("-----BEGIN");
        int bodyStart = text.indexOf("-----", begin + 10);
        if (bodyStart < 0) {
            return null;
        }
        bodyStart += 5;
        int end = text.indexOf("-----END", bodyStart);
        if (end < 0) {
            return null;
        }
        String label = text.substring(begin + 11, bodyStart - 5);
        if (label.contains("ENCRYPTED")) {
            throw new KeyImportException("key.error.apiKeyEncrypted");
        }
        try {
            byte[] der = java.util.Base64.getMimeDecoder().decode(text.substring(bodyStart, end).strip());
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (key instanceof ECPrivateKey ec) {
                if (!isP256(ec.getParams())) {
                    throw new KeyImportException("key.error.apiKeyWrongType");
                }
                return ec;
            }
            return null;
        } catch (InvalidKeySpecException | IllegalArgumentException e) {
            return null; // SEC1, explicit parameters or not EC: BouncyCastle decides
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no EC key factory", e);
        }
    }

    /** {@code params} null (a bare SEC1 body names no curve): taken as P-256, the only curve Apple issues. */
    private static ECPrivateKey fromScalar(BigInteger s, org.bouncycastle.asn1.ASN1Encodable params) {
        boolean named = params instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier oid
                && oid.equals(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1);
        if (params instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier && !named) {
            throw new KeyImportException("key.error.apiKeyWrongType");
        }
        if (!named && params != null) {
            // explicit parameters: accept only when they are P-256's
            try {
                var x9 = org.bouncycastle.asn1.x9.X9ECParameters.getInstance(params);
                var p256 = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName("P-256");
                if (!x9.getCurve().equals(p256.getCurve()) || !x9.getG().equals(p256.getG())) {
                    throw new KeyImportException("key.error.apiKeyWrongType");
                }
            } catch (IllegalArgumentException e) {
                throw new KeyImportException("key.error.apiKeyWrongType");
            }
        }
        try {
            var spec = new java.security.spec.ECPrivateKeySpec(s, P256);
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (InvalidKeySpecException e) {
            throw new KeyImportException(e, "key.error.apiKeyUnreadable");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no EC key factory", e);
        }
    }

    static boolean isP256(ECParameterSpec spec) {
        return spec != null && spec.getCurve().equals(P256.getCurve()) && spec.getGenerator().equals(P256.getGenerator())
                && spec.getOrder().equals(P256.getOrder());
    }

    private static ECParameterSpec p256() {
        try {
            var params = java.security.AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(CURVE));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not know P-256", e);
        }
    }
}
