package org.depconsole.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.BadPaddingException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.crypto.io.InvalidCipherTextIOException;
import org.depconsole.crypto.TokenImportException.Reason;
import org.depconsole.domain.ServerToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the server token file an admin downloaded from Apple Business Manager (dep-api.md §1.4–§1.7).
 *
 * <p>Accepted forms, detected from the content rather than the file name:
 * <ul>
 *   <li>Apple's text file: MIME headers (any set, LF or CRLF), an empty line, base64 of the CMS;</li>
 *   <li>bare base64 of the CMS, or PEM armour around it with any label ({@code PKCS7}, {@code CMS}, …);</li>
 *   <li>the raw CMS bytes, DER or BER with indefinite lengths;</li>
 *   <li>content an admin already decrypted (for example with {@code openssl smime -decrypt}): the inner
 *       {@code -----BEGIN MESSAGE-----} text with or without its MIME headers, or the token JSON itself.</li>
 * </ul>
 *
 * <p>How failures are classified ({@link TokenImportException.Reason}):
 * <ul>
 *   <li>{@code NOT_A_TOKEN}: binary that is not ASN.1 (PNG, ZIP), text that is neither base64 nor a token
 *       (a {@code .vpptoken} is base64 of JSON, so it lands here), ASN.1 that is not CMS enveloped-data
 *       (a certificate, signed-data), JSON that is not an object or has none of the five token fields;</li>
 *   <li>{@code CORRUPTED}: damaged or truncated base64 in a file that declares itself PKCS#7, ASN.1 that ends
 *       early or is malformed, an enveloped-data without content, plaintext JSON that does not parse;</li>
 *   <li>{@code WRONG_KEY}: no recipient carries our certificate's issuer and serial; or it does, but the RSA
 *       unwrap or the AES padding fails or the plaintext holds no token, which means the stored private key does
 *       not belong to the certificate the token was made for;</li>
 *   <li>{@code INCOMPLETE}: a token JSON (at least one of the five fields present) with a field missing,
 *       blank, not a string, or an expiry that cannot be read.</li>
 * </ul>
 * An expired token is returned normally; the caller shows it as expired. Messages never quote file content,
 * and exceptions that could quote it (JSON parser errors) are not attached as causes.
 */
public final class TokenDecryptor {

    /** Apple's files are about 3 KB; anything this large is refused before it is read. */
    public static final long MAX_FILE_BYTES = 1_048_576;

    static final String KEY_NOT_A_TOKEN = "token.error.notAToken";
    static final String KEY_WRONG_KEY = "token.error.wrongKey";
    static final String KEY_PRIVATE_KEY_MISMATCH = "token.error.privateKeyMismatch";
    static final String KEY_CORRUPTED = "token.error.corrupted";
    static final String KEY_INCOMPLETE = "token.error.incomplete";
    static final String KEY_EMPTY = "token.error.empty";
    static final String KEY_DIRECTORY = "token.error.directory";
    static final String KEY_TOO_LARGE = "token.error.tooLarge";
    static final String KEY_NOT_FOUND = "token.error.notFound";
    static final String KEY_UNREADABLE = "token.error.unreadable";

    private static final Logger LOG = LoggerFactory.getLogger(TokenDecryptor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEGIN_MESSAGE = "-----BEGIN MESSAGE-----";
    private static final String END_MESSAGE = "-----END MESSAGE-----";
    private static final Pattern HEADER_LINE = Pattern.compile("^[!-9;-~]+:.*");
    private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ([^-\\r\\n]*)-----");
    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/=\\s]+");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final Pattern HAS_ZONE = Pattern.compile("(?i)(z|[+-]\\d{2}:\\d{2})$");
    private static final String[] FIELDS = {"consumer_key", "consumer_secret", "access_token", "access_secret", "access_token_expiry"};

    private TokenDecryptor() {
    }

    /**
     * Reads a token file the admin chose. The file must exist, be a regular file, not be empty and not exceed
     * {@link #MAX_FILE_BYTES}; its size is checked before any byte is read.
     *
     * @throws TokenImportException with the reason the file was refused
     */
    public static ServerToken read(Path file, ServerKeyMaterial keys) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keys, "keys");
        String name = String.valueOf(file.getFileName());
        if (Files.isDirectory(file)) {
            throw new TokenImportException(Reason.DIRECTORY, KEY_DIRECTORY, name);
        }
        if (!Files.exists(file)) {
            throw new TokenImportException(Reason.UNREADABLE, KEY_NOT_FOUND, name);
        }
        byte[] content;
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new TokenImportException(Reason.EMPTY_FILE, KEY_EMPTY);
            }
            if (size > MAX_FILE_BYTES) {
                throw new TokenImportException(Reason.TOO_LARGE, KEY_TOO_LARGE, name);
            }
            try (InputStream in = Files.newInputStream(file)) {
                content = in.readNBytes((int) MAX_FILE_BYTES + 1); // the file may have grown since size()
            }
        } catch (NoSuchFileException e) {
            throw new TokenImportException(Reason.UNREADABLE, e, KEY_NOT_FOUND, name);
        } catch (IOException e) {
            throw new TokenImportException(Reason.UNREADABLE, e, KEY_UNREADABLE, name);
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new TokenImportException(Reason.TOO_LARGE, KEY_TOO_LARGE, name);
        }
        return read(content, keys);
    }

    /**
     * Decrypts (or, for already-decrypted content, just parses) a server token in any of the forms listed in the
     * class comment.
     *
     * @throws TokenImportException with the reason the content was refused
     */
    public static ServerToken read(byte[] content, ServerKeyMaterial keys) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(keys, "keys");
        if (isBlank(content)) {
            throw new TokenImportException(Reason.EMPTY_FILE, KEY_EMPTY);
        }
        if (!isText(content)) {
            if ((content[0] & 0xFF) != 0x30) {
                throw notAToken("binary content that is not ASN.1");
            }
            return decryptCms(content, keys);
        }
        return readText(new String(content, StandardCharsets.UTF_8), keys);
    }

    // ---------------------------------------------------------------- text forms

    private static ServerToken readText(String raw, ServerKeyMaterial keys) {
        String text = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        if (text.contains(BEGIN_MESSAGE)) {
            LOG.debug("token content is an already decrypted inner message");
            return parseInnerMessage(text);
        }
        if (text.strip().startsWith("{")) {
            LOG.debug("token content is plain JSON");
            return parseJson(text.strip());
        }
        List<String> lines = List.of(text.split("\\r\\n|\\r|\\n", -1));
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        boolean declaresPkcs7 = false;
        int bodyStart = first;
        if (first < lines.size() && HEADER_LINE.matcher(lines.get(first)).matches()) {
            int blank = first;
            while (blank < lines.size() && !lines.get(blank).isBlank()) {
                String line = lines.get(blank);
                if (!HEADER_LINE.matcher(line).matches() && !Character.isWhitespace(line.charAt(0))) {
                    throw notAToken("text with a broken header block");
                }
                declaresPkcs7 |= line.toLowerCase(Locale.ROOT).contains("pkcs7");
                blank++;
            }
            if (blank >= lines.size()) {
                throw notAToken("header block never ends");
            }
            bodyStart = blank + 1;
        }
        String body = String.join("\n", lines.subList(Math.min(bodyStart, lines.size()), lines.size()).stream()
                .filter(line -> !line.strip().equals(".")) // an SMTP-style end marker, as some tools write it
                .toList());
        Matcher pem = PEM_BEGIN.matcher(body);
        if (pem.find()) {
            String label = pem.group(1).strip();
            declaresPkcs7 |= label.toUpperCase(Locale.ROOT).contains("PKCS7") || label.toUpperCase(Locale.ROOT).contains("CMS");
            int end = body.indexOf("-----END", pem.end());
            if (end < 0) {
                throw failure(declaresPkcs7 ? Reason.CORRUPTED : Reason.NOT_A_TOKEN, "PEM armour without its END line");
            }
            body = stripPemHeaders(body.substring(pem.end(), end));
        }
        byte[] der = decodeBase64(body);
        if (der == null) {
            throw failure(declaresPkcs7 ? Reason.CORRUPTED : Reason.NOT_A_TOKEN, "body is not base64");
        }
        if (der.length == 0 || (der[0] & 0xFF) != 0x30) {
            throw failure(declaresPkcs7 ? Reason.CORRUPTED : Reason.NOT_A_TOKEN, "base64 does not hold ASN.1");
        }
        return decryptCms(der, keys);
    }

    /** RFC 1421-style PEM may carry {@code Proc-Type:}-like lines before the base64; drop them. */
    private static String stripPemHeaders(String armoured) {
        StringBuilder base64 = new StringBuilder();
        for (String line : armoured.split("\\r\\n|\\r|\\n")) {
            if (!HEADER_LINE.matcher(line).matches()) {
                base64.append(line.strip());
            }
        }
        return base64.toString();
    }

    /** Standard base64, line breaks and missing padding tolerated; null when the text is not base64. */
    private static byte[] decodeBase64(String text) {
        if (text.isBlank() || !BASE64_TEXT.matcher(text).matches()) {
            return null;
        }
        String compact = text.replaceAll("\\s+", "");
        int padding = compact.indexOf('=');
        if (padding >= 0 && !compact.substring(padding).matches("={1,2}")) {
            return null;
        }
        String unpadded = padding >= 0 ? compact.substring(0, padding) : compact;
        if (unpadded.length() % 4 == 1) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(unpadded + "==".substring(0, (4 - unpadded.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- CMS

    private static ServerToken decryptCms(byte[] der, ServerKeyMaterial keys) {
        CMSEnvelopedData enveloped = parseEnveloped(der);
        X509Certificate certificate = keys.certificate();
        X500Name ourIssuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
        BigInteger ourSerial = certificate.getSerialNumber();

        RecipientInformation ours = null;
        List<String> seen = new ArrayList<>();
        for (RecipientInformation recipient : enveloped.getRecipientInfos().getRecipients()) {
            if (recipient.getRID() instanceof KeyTransRecipientId rid && rid.getIssuer() != null) {
                if (ourIssuer.equals(rid.getIssuer()) && ourSerial.equals(rid.getSerialNumber())) {
                    ours = recipient;
                    break;
                }
                seen.add(rid.getIssuer() + " / " + rid.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
            } else {
                seen.add(recipient.getRID().getClass().getSimpleName());
            }
        }
        if (ours == null) {
            LOG.debug("token is encrypted for {} but this server's certificate is {} / {}", seen, ourIssuer,
                    ourSerial.toString(16).toUpperCase(Locale.ROOT));
            throw new TokenImportException(Reason.WRONG_KEY, KEY_WRONG_KEY);
        }

        InputStream plaintextStream;
        try {
            plaintextStream = ours.getContentStream(new JceKeyTransEnvelopedRecipient(keys.privateKey())).getContentStream();
        } catch (CMSException | IllegalArgumentException | IllegalStateException e) {
            LOG.debug("the private key cannot unwrap the token's content key: {}", e.getClass().getSimpleName());
            throw new TokenImportException(Reason.WRONG_KEY, e, KEY_PRIVATE_KEY_MISMATCH);
        } catch (IOException e) {
            throw new TokenImportException(Reason.CORRUPTED, e, KEY_CORRUPTED);
        }
        byte[] plaintext;
        try (InputStream in = plaintextStream) {
            plaintext = readLimited(in);
        } catch (IOException e) {
            if (causedBy(e, BadPaddingException.class) || causedBy(e, InvalidCipherTextIOException.class)) {
                LOG.debug("content padding is wrong after unwrapping: the private key does not fit");
                throw new TokenImportException(Reason.WRONG_KEY, e, KEY_PRIVATE_KEY_MISMATCH);
            }
            // IllegalBlockSizeException and friends: the encrypted content was cut or altered
            LOG.debug("encrypted content cannot be decrypted: {}", e.getClass().getSimpleName());
            throw new TokenImportException(Reason.CORRUPTED, e, KEY_CORRUPTED);
        }
        String inner = new String(plaintext, StandardCharsets.UTF_8);
        if (inner.contains(BEGIN_MESSAGE)) {
            return parseInnerMessage(inner);
        }
        if (inner.strip().startsWith("{")) {
            return parseJson(inner.strip());
        }
        LOG.debug("decrypted content holds no token: the private key does not fit the certificate");
        throw new TokenImportException(Reason.WRONG_KEY, KEY_PRIVATE_KEY_MISMATCH);
    }

    private static CMSEnvelopedData parseEnveloped(byte[] der) {
        ASN1Primitive primitive;
        try {
            primitive = ASN1Primitive.fromByteArray(der);
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            LOG.debug("ASN.1 does not parse: {}", e.getClass().getSimpleName());
            throw new TokenImportException(Reason.CORRUPTED, KEY_CORRUPTED);
        }
        if (!(primitive instanceof ASN1Sequence sequence) || sequence.size() < 1
                || !(sequence.getObjectAt(0) instanceof ASN1ObjectIdentifier type)) {
            throw notAToken("ASN.1 that is not a CMS ContentInfo");
        }
        if (!CMSObjectIdentifiers.envelopedData.equals(type)) {
            throw notAToken("CMS of type " + type.getId());
        }
        try {
            return new CMSEnvelopedData(ContentInfo.getInstance(sequence));
        } catch (CMSException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            LOG.debug("enveloped-data structure is malformed: {}", e.getClass().getSimpleName());
            throw new TokenImportException(Reason.CORRUPTED, KEY_CORRUPTED);
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_FILE_BYTES) {
                throw new IOException("decrypted content larger than " + MAX_FILE_BYTES + " bytes");
            }
        }
        return out.toByteArray();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- decrypted content

    /** The inner MIME entity: the JSON sits between the MESSAGE markers; headers before them are ignored. */
    private static ServerToken parseInnerMessage(String text) {
        int begin = text.indexOf(BEGIN_MESSAGE);
        int end = text.indexOf(END_MESSAGE, begin);
        if (end < 0) {
            throw failure(Reason.CORRUPTED, "BEGIN MESSAGE without END MESSAGE");
        }
        String json = text.substring(begin + BEGIN_MESSAGE.length(), end).strip();
        if (json.isEmpty()) {
            throw failure(Reason.CORRUPTED, "empty message between the markers");
        }
        return parseJson(json);
    }

    private static ServerToken parseJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // the parser's message can quote the content: neither log it nor attach it
            throw failure(Reason.CORRUPTED, "token JSON does not parse");
        }
        if (root == null || !root.isObject()) {
            throw notAToken("JSON that is not an object");
        }
        boolean anyField = false;
        for (String field : FIELDS) {
            anyField |= root.has(field);
        }
        if (!anyField) {
            throw notAToken("JSON without any server token field");
        }
        String consumerKey = text(root, "consumer_key");
        String consumerSecret = text(root, "consumer_secret");
        String accessToken = text(root, "access_token");
        String accessSecret = text(root, "access_secret");
        Instant expiry = parseExpiry(text(root, "access_token_expiry"));
        var token = new ServerToken(consumerKey, consumerSecret, accessToken, accessSecret, expiry);
        LOG.debug("server token read: {}", token);
        return token;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new TokenImportException(Reason.INCOMPLETE, KEY_INCOMPLETE, field);
        }
        return node.asText().strip();
    }

    /** RFC 3339 with {@code Z}, {@code +00:00} or {@code +0000}, optional fractional seconds; no zone means UTC. */
    static Instant parseExpiry(String value) {
        String normalized = value.strip().replace(' ', 'T');
        normalized = COMPACT_OFFSET.matcher(normalized).replaceFirst("$1:$2");
        if (!HAS_ZONE.matcher(normalized).find()) {
            normalized = normalized + "Z";
        }
        try {
            return OffsetDateTime.parse(normalized.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new TokenImportException(Reason.INCOMPLETE, KEY_INCOMPLETE, "access_token_expiry");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** No control characters other than tab, CR and LF; bytes above 0x7F are allowed (UTF-8). */
    private static boolean isText(byte[] content) {
        for (byte b : content) {
            int c = b & 0xFF;
            if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static TokenImportException notAToken(String why) {
        return failure(Reason.NOT_A_TOKEN, why);
    }

    private static TokenImportException failure(Reason reason, String why) {
        LOG.debug("token refused ({}): {}", reason, why);
        String key = switch (reason) {
            case NOT_A_TOKEN -> KEY_NOT_A_TOKEN;
            case CORRUPTED -> KEY_CORRUPTED;
            default -> throw new IllegalArgumentException("no generic sentence for " + reason);
        };
        return new TokenImportException(reason, key);
    }
}
