package org.depconsole.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.depconsole.domain.CertificateSummary;

/**
 * Creates, imports and rebuilds a server's key pair (dep-api.md §1.2). Only the JDK's own providers
 * are used; BouncyCastle supplies the ASN.1, PEM and certificate-building code, no provider is
 * registered globally.
 */
public final class ServerKeys {

    static final int RSA_BITS = 2048;
    static final Duration BACKDATE = Duration.ofMinutes(10);
    static final int VALIDITY_YEARS = 5;
    static final String ORGANIZATION = "DEP Console";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN (?:X509 )?CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END (?:X509 )?CERTIFICATE-----");

    private ServerKeys() {
    }

    /**
     * A new RSA 2048 key pair with a self-signed SHA256withRSA certificate: subject {@code CN=<commonName>, O=DEP Console},
     * a random positive 71-bit serial (so certificates of one issuer never collide, dep-api.md §1.2), valid from ten
     * minutes before {@code clock}'s now for five years, key usage digitalSignature + keyEncipherment.
     */
    public static ServerKeyMaterial generate(String commonName, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("commonName must not be blank");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, RANDOM);
            KeyPair pair = generator.generateKeyPair();

            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Instant notBefore = now.minus(BACKDATE);
            Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(VALIDITY_YEARS).toInstant();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, ORGANIZATION)
                    .addRDN(BCStyle.CN, commonName.strip())
                    .build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, randomSerial(),
                    Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            var signer = new JcaContentSignerBuilder("SHA256withRSA").setSecureRandom(RANDOM).build(pair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new ServerKeyMaterial(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("the JDK cannot create an RSA key pair and certificate", e);
        }
    }

    /**
     * Imports a key pair made elsewhere (an admin moving from another MDM product).
     *
     * @param privateKeyFile  PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or PKCS#8 ({@code BEGIN PRIVATE KEY}) PEM; DER of either works too
     * @param certificateFile the certificate, PEM or DER
     * @throws KeyImportException when either cannot be read, the key is password-protected or not RSA, or the key
     *                            does not belong to the certificate
     */
    public static ServerKeyMaterial importPem(byte[] privateKeyFile, byte[] certificateFile) {
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(certificateFile, "certificateFile");
        X509Certificate certificate = readCertificate(certificateFile);
        RSAPublicKey publicKey = rsaPublicKey(certificate);
        PrivateKey privateKey = toRsaPrivateKey(readPrivateKeyInfo(privateKeyFile));
        requireSamePair(privateKey, publicKey, "key.error.mismatch");
        return new ServerKeyMaterial(privateKey, certificate);
    }

    /** Rebuilds the pair from what the store keeps: the PKCS#8 DER of the key and the certificate PEM. */
    public static ServerKeyMaterial fromStored(byte[] pkcs8Der, String certificatePem) {
        Objects.requireNonNull(pkcs8Der, "pkcs8Der");
        Objects.requireNonNull(certificatePem, "certificatePem");
        X509Certificate certificate;
        PrivateKey privateKey;
        try {
            certificate = readCertificate(certificatePem.getBytes(StandardCharsets.US_ASCII));
            privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8Der));
        } catch (KeyImportException | InvalidKeySpecException e) {
            throw new KeyImportException(e, "key.error.storedUnreadable");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no RSA key factory", e);
        }
        if (!(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
            throw new KeyImportException("key.error.storedUnreadable");
        }
        requireSamePair(privateKey, publicKey, "key.error.storedMismatch");
        return new ServerKeyMaterial(privateKey, certificate);
    }

    /**
     * Reads an X.509 certificate given as PEM ({@code BEGIN CERTIFICATE}, text around it is ignored) or DER.
     *
     * @throws KeyImportException when the bytes hold no readable certificate
     */
    public static X509Certificate readCertificate(byte[] pemOrDer) {
        Objects.requireNonNull(pemOrDer, "pemOrDer");
        byte[] der = pemOrDer;
        String text = new String(pemOrDer, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN")) {
            Matcher matcher = PEM_CERTIFICATE.matcher(text);
            if (!matcher.find()) {
                throw new KeyImportException("key.error.certificateUnreadable");
            }
            try {
                der = Base64.getMimeDecoder().decode(matcher.group(1).strip());
            } catch (IllegalArgumentException e) {
                throw new KeyImportException("key.error.certificateUnreadable");
            }
        }
        if (der.length == 0) {
            throw new KeyImportException("key.error.certificateUnreadable");
        }
        try {
            var certificate = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (certificate instanceof X509Certificate x509) {
                return x509;
            }
            throw new KeyImportException("key.error.certificateUnreadable");
        } catch (CertificateException e) {
            throw new KeyImportException(e, "key.error.certificateUnreadable");
        }
    }

    /**
     * The public facts of a certificate: subject as RFC 2253 text, serial as uppercase hex without separators
     * (like {@code openssl x509 -serial}), validity, and the SHA-256 fingerprint of the DER as uppercase hex pairs
     * separated by colons (like {@code openssl x509 -fingerprint -sha256}).
     */
    public static CertificateSummary summarize(X509Certificate cert) {
        Objects.requireNonNull(cert, "cert");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
            return new CertificateSummary(cert.getSubjectX500Principal().getName(X500Principal.RFC2253),
                    cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), fingerprint);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** PEM armour with 64-character base64 lines and LF line ends. */
    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static BigInteger randomSerial() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x3F) | 0x40); // positive, exactly 71 bits, never zero
        return new BigInteger(1, bytes);
    }

    private static RSAPublicKey rsaPublicKey(X509Certificate certificate) {
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            return rsa;
        }
        throw new KeyImportException("key.error.certificateNotRsa");
    }

    /** PEM (PKCS#1 or PKCS#8, other PEM blocks such as a certificate are skipped) or DER of either. */
    private static PrivateKeyInfo readPrivateKeyInfo(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN")) {
            try (PEMParser parser = new PEMParser(new StringReader(text))) {
                for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                    if (object instanceof PEMKeyPair pair) {
                        return pair.getPrivateKeyInfo();
                    }
                    if (object instanceof PrivateKeyInfo info) {
                        return info;
                    }
                    if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                        throw new KeyImportException("key.error.privateKeyEncrypted");
                    }
                }
            } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
                throw new KeyImportException(e, "key.error.privateKeyUnreadable");
            }
            throw new KeyImportException("key.error.privateKeyUnreadable");
        }
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(file);
            try {
                return PrivateKeyInfo.getInstance(primitive);
            } catch (IllegalArgumentException | ClassCastException notPkcs8) {
                var pkcs1 = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(primitive);
                return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), pkcs1);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new KeyImportException(e, "key.error.privateKeyUnreadable");
        }
    }

    private static PrivateKey toRsaPrivateKey(PrivateKeyInfo info) {
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
            throw new KeyImportException("key.error.privateKeyNotRsa");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | InvalidKeySpecException e) {
            throw new KeyImportException(e, "key.error.privateKeyUnreadable");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no RSA key factory", e);
        }
    }

    /** Same modulus (and, when the key carries it, the same public exponent): the key opens what the certificate's key sealed. */
    private static void requireSamePair(PrivateKey privateKey, RSAPublicKey publicKey, String messageKey) {
        if (!(privateKey instanceof RSAPrivateKey rsa) || !rsa.getModulus().equals(publicKey.getModulus())) {
            throw new KeyImportException(messageKey);
        }
        if (rsa instanceof RSAPrivateCrtKey crt && !crt.getPublicExponent().equals(publicKey.getPublicExponent())) {
            throw new KeyImportException(messageKey);
        }
    }
}
