package io.loadharness.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret that guards every mutating route when {@code HARNESS_API_TOKEN} is set. The API
 * takes it as {@code Authorization: Bearer <token>}; the dashboard trades it once for a session cookie
 * whose value is {@link #sessionValue()}, never the token itself.
 *
 * <p>Every comparison is constant-time: both sides are hashed with SHA-256 (or HMAC-SHA256 for the
 * session value) and compared with {@link MessageDigest#isEqual}, so neither the content nor the
 * length of the token leaks through timing. {@link #toString()} never shows the token.
 *
 * <pre>{@code
 * ApiToken token = ApiToken.of(System.getenv("HARNESS_API_TOKEN"));
 * boolean allowed = token.matchesAuthorization(request.headers().first(HeaderNames.AUTHORIZATION));
 * }</pre>
 */
public final class ApiToken {

    /** Shortest token accepted: 16 characters, so that a guess is not a practical attack. */
    public static final int MIN_LENGTH = 16;

    /** Longest token accepted, so that a header carrying it stays small. */
    public static final int MAX_LENGTH = 512;

    private static final String BEARER = "bearer ";
    private static final byte[] SESSION_LABEL = "loadharness-dashboard-session-v1".getBytes(StandardCharsets.US_ASCII);

    private final String token;
    private final byte[] digest;
    private final String sessionValue;
    private final byte[] sessionDigest;

    private ApiToken(String token) {
        this.token = token;
        this.digest = sha256(token.getBytes(StandardCharsets.UTF_8));
        this.sessionValue = hmac(token);
        this.sessionDigest = sha256(sessionValue.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param token the secret: {@value #MIN_LENGTH}-{@value #MAX_LENGTH} visible ASCII characters, no
     *              spaces (it travels in an HTTP header)
     * @return the token
     * @throws IllegalArgumentException if the token is too short, too long or holds other characters;
     *                                  the message never contains the token
     * @throws NullPointerException     if the token is null
     */
    public static ApiToken of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < MIN_LENGTH || token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the API token must be between " + MIN_LENGTH + " and " + MAX_LENGTH
                    + " characters long, was " + token.length());
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("the API token must hold only visible ASCII characters without "
                        + "spaces; character " + (i + 1) + " is not one");
            }
        }
        return new ApiToken(token);
    }

    /**
     * @param presented a token as a client sent it, or null
     * @return whether it is this token; constant-time in the content and length of both
     */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param authorization the value of an {@code Authorization} header, if any
     * @return whether it is {@code Bearer <this token>} (the scheme is case-insensitive)
     */
    public boolean matchesAuthorization(Optional<String> authorization) {
        return authorization.map(ApiToken::bearerCredentials).map(this::matches).orElse(false);
    }

    /**
     * The value of the dashboard's session cookie: HMAC-SHA256 of a fixed label keyed by the token,
     * Base64url. The same on every pod with the same token, useless as a bearer token for the API, and
     * invalid as soon as the token changes.
     *
     * @return the session value, 43 URL-safe characters
     */
    public String sessionValue() {
        return sessionValue;
    }

    /**
     * @param presented a session cookie value as a browser sent it, or null
     * @return whether it is {@link #sessionValue()}; constant-time
     */
    public boolean matchesSession(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sessionDigest, sha256(presented.getBytes(StandardCharsets.UTF_8)));
    }

    /** The token itself, for the fan-out transport's own calls to the configured target. */
    String value() {
        return token;
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "ApiToken[redacted]";
    }

    /** The credentials of a {@code Bearer} authorization, or null for any other scheme. */
    static String bearerCredentials(String authorization) {
        String value = authorization.strip();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return value.substring(BEARER.length()).strip();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String hmac(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(SESSION_LABEL));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
