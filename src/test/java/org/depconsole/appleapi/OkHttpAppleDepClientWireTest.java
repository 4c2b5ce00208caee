package org.depconsole.appleapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.depconsole.appleapi.FakeApple.json;
import static org.depconsole.appleapi.FakeApple.text;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.stream.IntStream;
import mockwebserver3.RecordedRequest;
import org.depconsole.domain.apple.AccountDetail;
import org.depconsole.domain.apple.ActivationLockStatus;
import org.depconsole.domain.apple.AssignResult;
import org.depconsole.domain.apple.DefineProfileResult;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.DeviceOutcome;
import org.depconsole.domain.apple.DevicePage;
import org.depconsole.domain.apple.DeviceStatusResult;
import org.depconsole.domain.apple.OpType;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.oauth.OAuth1Signature;
import org.junit.jupiter.api.Test;

/** Exact wire format of every endpoint against a real loopback HTTP server. */
class OkHttpAppleDepClientWireTest extends ClientTestSupport {

    @Test
    void sessionRequestIsSignedWithTheTokenAndCarriesTheCommonHeaders() throws Exception {
        apple.script("GET /account", json(200, "{\"server_name\":\"Lab\"}"));

        client.account();

        RecordedRequest session = apple.requestsTo("GET /session").get(0);
        Map<String, String> oauth = OAuth1Signature.parseHeader(session.getHeaders().get("Authorization"));
        assertThat(oauth).containsEntry("oauth_consumer_key", CONSUMER_KEY).containsEntry("oauth_token", ACCESS_TOKEN)
                .containsEntry("oauth_signature_method", "HMAC-SHA1").containsEntry("oauth_version", "1.0")
                .containsEntry("oauth_timestamp", Long.toString(NOW.getEpochSecond()));
        assertThat(oauth.get("oauth_nonce")).matches("[0-9a-f]{32}");
        List<Entry<String, String>> signed = new ArrayList<>();
        oauth.forEach((k, v) -> {
            if (k.startsWith("oauth_") && !k.equals("oauth_signature")) {
                signed.add(Map.entry(k, v));
            }
        });
        String expected = OAuth1Signature.sign(OAuth1Signature.baseString("GET", session.getUrl().uri(), signed),
                CONSUMER_SECRET, ACCESS_SECRET);
        assertThat(oauth.get("oauth_signature")).isEqualTo(expected);
        assertThat(session.getHeaders().get("User-Agent")).startsWith("DEPConsole/");
        assertThat(session.getHeaders().get("X-Server-Protocol-Version")).isEqualTo("10");
        assertThat(session.getHeaders().get("Content-Type")).isEqualTo("application/json;charset=UTF8");
        assertThat(session.getHeaders().get("X-ADM-Auth-Session")).isNull();

        RecordedRequest account = apple.requestsTo("GET /account").get(0);
        assertThat(account.getHeaders().get("X-ADM-Auth-Session")).isEqualTo(FakeApple.session(1));
        assertThat(account.getHeaders().get("User-Agent")).startsWith("DEPConsole/");
        assertThat(account.getHeaders().get("X-Server-Protocol-Version")).isEqualTo("10");
        assertThat(account.getHeaders().get("Accept")).contains("application/json");
        assertThat(account.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void accountIsParsedWithLimitsAndUnknownFields() {
        apple.script("GET /account", json(200, """
                {"server_name":"Console Lab","server_uuid":"5B1E","admin_id":"it@example.org","facilitator_id":"it@example.org",
                 "org_name":"Example","org_email":"it@example.org","org_phone":"+1","org_address":"1 Way","org_id":"123",
                 "org_id_hash":"0f3c","org_type":"org","org_version":"v2","brand_new_field":{"a":1},
                 "urls":[{"uri":"/server/devices","http_method":["POST"],"limit":{"default":1000,"maximum":5000}},
                         {"uri":"/profile/devices","http_method":["DELETE","POST","PUT"]}]}"""));

        AccountDetail a = client.account();

        assertThat(a.serverName()).isEqualTo("Console Lab");
        assertThat(a.orgVersion()).isEqualTo("v2");
        assertThat(a.limitFor("/server/devices")).get().satisfies(l -> {
            assertThat(l.defaultLimit()).isEqualTo(1000);
            assertThat(l.maximumLimit()).isEqualTo(5000);
            assertThat(l.httpMethods()).containsExactly("POST");
        });
        assertThat(a.limitFor("/profile/devices").orElseThrow().maximumLimit()).isNull();
        assertThat(a.extra()).containsEntry("brand_new_field", Map.of("a", 1));
    }

    @Test
    void fetchSendsCursorAndLimitAsJsonAndParsesEveryDeviceField() throws Exception {
        apple.script("POST /server/devices", json(200, """
                {"devices":[
                  {"serial_number":"C02EXAMPLE01","model":"MacBook Air","description":"MBA","color":"MIDNIGHT","asset_tag":"A-1",
                   "os":"OSX","device_family":"Mac","profile_status":"","profile_uuid":"7C1D",
                   "profile_assign_time":"","profile_push_time":"2026-02-03T11:00:00Z",
                   "device_assigned_by":"-1","device_assigned_date":"2026-02-03T10:20:30Z",
                   "mdm_migration_deadline":"2026-06-01T00:00:00Z","eid":"8904","ethernet_mac_address":"aa:bb",
                   "wifi_mac_address":"cc:dd","bluetooth_mac_address":"ee:ff","imei":["01 129600 314225 1","35 111111 222222 3"],
                   "meid":["A1000049"],"is_replacement_device":true,"future_field":"kept","op_date":"not a date"},
                  {"serial_number":"DMPEXAMPLE02","profile_status":"shiny_new_state"}],
                 "cursor":"MTAwOjA6MTc3","fetched_until":"2026-02-03T10:25:00Z","more_to_follow":true}"""),
                json(200, "{\"devices\":[],\"cursor\":\"NEXT\",\"more_to_follow\":false}"));

        DevicePage first = client.fetchDevices(null, 500);
        DevicePage second = client.fetchDevices("MTAwOjA6MTc3", null);

        List<RecordedRequest> sent = apple.requestsTo("POST /server/devices");
        assertThat(body(sent.get(0))).isEqualTo("{\"limit\":500}");
        assertThat(body(sent.get(1))).isEqualTo("{\"cursor\":\"MTAwOjA6MTc3\"}");
        assertThat(sent.get(0).getHeaders().get("Content-Type")).isEqualTo("application/json;charset=UTF8");

        assertThat(first.cursor()).isEqualTo("MTAwOjA6MTc3");
        assertThat(first.moreToFollow()).isTrue();
        assertThat(first.fetchedUntil()).isEqualTo(Instant.parse("2026-02-03T10:25:00Z"));
        Device d = first.devices().get(0);
        assertThat(d.serialNumber()).isEqualTo("C02EXAMPLE01");
        assertThat(d.assetTag()).isEqualTo("A-1");
        assertThat(d.profileStatus()).isEqualTo(ProfileStatus.UNKNOWN);
        assertThat(d.profileStatusRaw()).isEmpty();
        assertThat(d.profileAssignTime()).isNull();
        assertThat(d.profilePushTime()).isEqualTo(Instant.parse("2026-02-03T11:00:00Z"));
        assertThat(d.deviceAssignedBy()).isEqualTo("-1");
        assertThat(d.mdmMigrationDeadline()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(d.eid()).isEqualTo("8904");
        assertThat(d.ethernetMacAddress()).isEqualTo("aa:bb");
        assertThat(d.wifiMacAddress()).isEqualTo("cc:dd");
        assertThat(d.bluetoothMacAddress()).isEqualTo("ee:ff");
        assertThat(d.imei()).containsExactly("01 129600 314225 1", "35 111111 222222 3");
        assertThat(d.meid()).containsExactly("A1000049");
        assertThat(d.isReplacementDevice()).isTrue();
        assertThat(d.releasedByReplacement()).isNull();
        assertThat(d.opType()).isEqualTo(OpType.NONE);
        assertThat(d.opDate()).isNull();
        assertThat(d.extra()).containsEntry("future_field", "kept").containsEntry("op_date", "not a date");
        Device unknown = first.devices().get(1);
        assertThat(unknown.profileStatus()).isEqualTo(ProfileStatus.UNKNOWN);
        assertThat(unknown.profileStatusRaw()).isEqualTo("shiny_new_state");
        assertThat(second.fetchedUntil()).isNull();
        assertThat(second.moreToFollow()).isFalse();
    }

    @Test
    void syncParsesOpTypesIncludingMinimalDeletedRecords() throws Exception {
        apple.script("POST /devices/sync", json(200, """
                {"devices":[
                  {"serial_number":"A","profile_status":"removed","op_type":"modified","op_date":"2026-02-04T08:00:01Z"},
                  {"serial_number":"B","op_type":"deleted","op_date":"2026-02-04T09:00:00Z","released_by_replacement":true},
                  {"serial_number":"C","op_type":"teleported","op_date":"2026-02-04T09:00:00+01:00"}],
                 "cursor":"C2","fetched_until":"2026-02-04T09:00:00Z","more_to_follow":false}"""));

        DevicePage page = client.syncDevices("C1", 200);

        assertThat(body(apple.requestsTo("POST /devices/sync").get(0))).isEqualTo("{\"cursor\":\"C1\",\"limit\":200}");
        assertThat(page.devices()).extracting(Device::opType).containsExactly(OpType.MODIFIED, OpType.DELETED, OpType.UNKNOWN);
        assertThat(page.devices().get(0).profileStatus()).isEqualTo(ProfileStatus.REMOVED);
        assertThat(page.devices().get(1).releasedByReplacement()).isTrue();
        assertThat(page.devices().get(2).opTypeRaw()).isEqualTo("teleported");
        assertThat(page.devices().get(2).opDate()).isEqualTo(Instant.parse("2026-02-04T08:00:00Z"));
    }

    @Test
    void syncWithoutCursorFailsWithoutCallingApple() {
        assertThatThrownBy(() -> client.syncDevices(" ", null)).isInstanceOfSatisfying(CursorException.class,
                e -> assertThat(e.kind()).isEqualTo(CursorException.Kind.REQUIRED));
        assertThat(apple.requests).isEmpty();
    }

    @Test
    void cursorErrorsAreRecognisedInAllThreeBodyShapes() {
        apple.script("POST /server/devices", text(400, "EXPIRED_CURSOR"), text(400, "\"INVALID_CURSOR\"\n"),
                json(400, "{\"code\":\"EXHAUSTED_CURSOR\"}"));
        apple.script("POST /devices/sync", text(400, "  CURSOR_REQUIRED  "));

        assertThatThrownBy(() -> client.fetchDevices("x", null)).isInstanceOfSatisfying(CursorException.class,
                e -> assertThat(e.kind()).isEqualTo(CursorException.Kind.EXPIRED));
        assertThatThrownBy(() -> client.fetchDevices("x", null)).isInstanceOfSatisfying(CursorException.class,
                e -> assertThat(e.kind()).isEqualTo(CursorException.Kind.INVALID));
        assertThatThrownBy(() -> client.fetchDevices("x", null)).isInstanceOfSatisfying(CursorException.class,
                e -> assertThat(e.code()).isEqualTo("EXHAUSTED_CURSOR"));
        assertThatThrownBy(() -> client.syncDevices("x", null)).isInstanceOfSatisfying(CursorException.class,
                e -> assertThat(e.kind()).isEqualTo(CursorException.Kind.REQUIRED));
        assertThat(sleeper.slept).isEmpty();
    }

    @Test
    void detailsAreKeyedBySerialAndKeepTheResponseStatus() throws Exception {
        apple.script("POST /devices", json(200, """
                {"devices":{
                  "C02EXAMPLE01":{"serial_number":"C02EXAMPLE01","profile_status":"assigned","profile_uuid":"7C1D",
                                  "profile_assign_time":"2026-02-03T11:00:00Z","response_status":"SUCCESS"},
                  "NOTMINE00001":{"response_status":"NOT_ACCESSIBLE"}}}"""));

        Map<String, Device> details = client.deviceDetails(List.of("C02EXAMPLE01", "NOTMINE00001"));

        assertThat(body(apple.requestsTo("POST /devices").get(0))).isEqualTo("{\"devices\":[\"C02EXAMPLE01\",\"NOTMINE00001\"]}");
        assertThat(details).containsOnlyKeys("C02EXAMPLE01", "NOTMINE00001");
        assertThat(details.get("C02EXAMPLE01").profileStatus()).isEqualTo(ProfileStatus.ASSIGNED);
        assertThat(details.get("C02EXAMPLE01").responseOutcome()).isEqualTo(DeviceOutcome.SUCCESS);
        assertThat(details.get("NOTMINE00001").serialNumber()).isEqualTo("NOTMINE00001");
        assertThat(details.get("NOTMINE00001").responseStatus()).isEqualTo("NOT_ACCESSIBLE");
    }

    @Test
    void defineProfileSendsExplicitFalseAndOmitsUnsetAndBlankValues() throws Exception {
        apple.script("POST /profile", json(200, "{\"profile_uuid\":\"7C1D0E5F\",\"devices\":{\"C02\":\"SUCCESS\",\"X\":\"NOT_ACCESSIBLE\"}}"));
        Profile p = Profile.builder("Lab Macs", "https://mdm.example.org/enroll")
                .isMdmRemovable(false).isSupervised(true).awaitDeviceConfigured(false)
                .department("  ").orgMagic("").supportPhoneNumber("+1 555 0100")
                .skipSetupItems(List.of("AppleID", "Siri")).devices(List.of("C02", "X")).build();

        DefineProfileResult r = client.defineProfile(p);

        assertThat(body(apple.requestsTo("POST /profile").get(0))).isEqualTo(
                "{\"profile_name\":\"Lab Macs\",\"url\":\"https://mdm.example.org/enroll\",\"is_supervised\":true,"
                        + "\"is_mdm_removable\":false,\"await_device_configured\":false,\"support_phone_number\":\"+1 555 0100\","
                        + "\"skip_setup_items\":[\"AppleID\",\"Siri\"],\"devices\":[\"C02\",\"X\"]}");
        assertThat(r.profileUuid()).isEqualTo("7C1D0E5F");
        assertThat(r.outcome("C02")).isEqualTo(DeviceOutcome.SUCCESS);
        assertThat(r.serialsWith(DeviceOutcome.NOT_ACCESSIBLE)).containsExactly("X");
    }

    @Test
    void profileValidationCodesGetTheirOwnSentence() {
        apple.script("POST /profile", text(400, "FLAGS_INVALID"), text(400, "CONFIG_NAME_INVALID"));
        Profile p = Profile.builder("n", "https://u").build();

        assertThatThrownBy(() -> client.defineProfile(p)).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.code()).isEqualTo("FLAGS_INVALID");
            assertThat(e.messageKey()).isEqualTo("apple.error.profile.flagsInvalid");
            assertThat(e.getMessage()).contains("supervis");
        });
        assertThatThrownBy(() -> client.defineProfile(p)).isInstanceOfSatisfying(BadRequestException.class,
                e -> assertThat(e.getMessage()).contains("125"));
    }

    @Test
    void getProfileEncodesTheQueryAndReadsTheProfileOr404AsEmpty() throws Exception {
        apple.script("GET /profile", json(200, """
                {"profile_uuid":"C1F1","profile_name":"default","url":"https://mdm.example.org/mdm/enroll",
                 "is_supervised":false,"allow_pairing":true,"is_mdm_removable":true,"skip_setup_items":["AppleID"],
                 "department":"IT","some_2027_flag":true}"""), text(404, "NOT_FOUND"));

        Profile p = client.getProfile("C1F1 &x").orElseThrow();

        RecordedRequest get = apple.requestsTo("GET /profile").get(0);
        assertThat(get.getUrl().queryParameter("profile_uuid")).isEqualTo("C1F1 &x");
        assertThat(get.getBodySize()).isZero();
        assertThat(p.isSupervised()).isFalse();
        assertThat(p.isMultiUser()).isNull();
        assertThat(p.profileUuid()).isEqualTo("C1F1");
        assertThat(p.skipSetupItems()).containsExactly("AppleID");
        assertThat(p.extra()).containsEntry("some_2027_flag", true);
        assertThat(client.getProfile("UNKNOWN")).isEmpty();
    }

    @Test
    void assignUsesPostAndKeepsThrottledAndUnknownOutcomes() throws Exception {
        apple.script("POST /profile/devices", json(200, """
                {"profile_uuid":"7C1D","devices":{"A":"SUCCESS","B":"THROTTLED","C":"QUANTUM_STATE"},"retry_after_seconds":3600}"""));

        AssignResult r = client.assignProfile("7C1D", List.of("A", "B", "C"));

        RecordedRequest sent = apple.requestsTo("POST /profile/devices").get(0);
        assertThat(body(sent)).isEqualTo("{\"profile_uuid\":\"7C1D\",\"devices\":[\"A\",\"B\",\"C\"]}");
        assertThat(r.outcome("B")).isEqualTo(DeviceOutcome.THROTTLED);
        assertThat(r.outcome("C")).isEqualTo(DeviceOutcome.UNKNOWN);
        assertThat(r.devices()).containsEntry("C", "QUANTUM_STATE");
        assertThat(r.retryAfter()).contains(Duration.ofHours(1));
    }

    @Test
    void serialListsAreCheckedBeforeAnyCall() {
        List<String> tooMany = IntStream.range(0, 1001).mapToObj(i -> "S" + i).toList();
        assertThatThrownBy(() -> client.assignProfile("P", tooMany)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.removeProfile(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.disown(Collections.singletonList(null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.assignProfile(" ", List.of("A"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(apple.requests).isEmpty();
    }

    @Test
    void removeProfileIsADeleteWithAJsonBody() throws Exception {
        apple.script("DELETE /profile/devices", json(200, "{\"devices\":{\"C02\":\"SUCCESS\",\"D\":\"FAILED\"}}"));

        DeviceStatusResult r = client.removeProfile(List.of("C02", "D"));

        RecordedRequest sent = apple.requestsTo("DELETE /profile/devices").get(0);
        assertThat(body(sent)).isEqualTo("{\"devices\":[\"C02\",\"D\"]}");
        assertThat(sent.getHeaders().get("Content-Type")).isEqualTo("application/json;charset=UTF8");
        assertThat(r.serialsWith(DeviceOutcome.FAILED)).containsExactly("D");
        assertThat(r.allSucceeded()).isFalse();
    }

    @Test
    void disownPostsTheSerials() throws Exception {
        apple.script("POST /devices/disown", json(200, "{\"devices\":{\"C02\":\"NOT_ACCESSIBLE\"}}"));

        DeviceStatusResult r = client.disown(List.of("C02"));

        assertThat(body(apple.requestsTo("POST /devices/disown").get(0))).isEqualTo("{\"devices\":[\"C02\"]}");
        assertThat(r.outcome("C02")).isEqualTo(DeviceOutcome.NOT_ACCESSIBLE);
    }

    @Test
    void activationLockOmitsBlankOptionalValues() throws Exception {
        apple.script("POST /device/activationlock",
                json(200, "{\"serial_number\":\"C02\",\"response_status\":\"DEVICE_ALREADY_LOCKED\"}"),
                json(200, "{\"serial_number\":\"C02\",\"response_status\":\"SUCCESS\"}"));

        assertThat(client.activationLock("C02", " ", null).status()).isEqualTo(ActivationLockStatus.DEVICE_ALREADY_LOCKED);
        assertThat(client.activationLock("C02", "6ab4", "Return to IT").status()).isEqualTo(ActivationLockStatus.SUCCESS);

        List<RecordedRequest> sent = apple.requestsTo("POST /device/activationlock");
        assertThat(body(sent.get(0))).isEqualTo("{\"device\":\"C02\"}");
        assertThat(body(sent.get(1))).isEqualTo("{\"device\":\"C02\",\"escrow_key\":\"6ab4\",\"lost_message\":\"Return to IT\"}");
    }

    @Test
    void replacementDetailsParseTheDayAndTreatNotFoundAsEmptyIn404And400() {
        apple.script("GET /device/replacementDetails",
                json(200, "{\"serial_number\":\"NEW1\",\"original_device_serial_number\":\"OLD1\",\"replacement_date\":\"2026-01-15\"}"),
                text(404, "DEVICE_NOT_FOUND"), text(400, "DEVICE_NOT_FOUND"), text(400, "DEVICE_ID_REQUIRED"));

        assertThat(client.replacementDetails("NEW1")).get().satisfies(r -> {
            assertThat(r.originalDeviceSerialNumber()).isEqualTo("OLD1");
            assertThat(r.replacementDate()).isEqualTo(LocalDate.of(2026, 1, 15));
        });
        assertThat(apple.requestsTo("GET /device/replacementDetails").get(0).getUrl().queryParameter("device")).isEqualTo("NEW1");
        assertThat(client.replacementDetails("X")).isEmpty();
        assertThat(client.replacementDetails("X")).isEmpty();
        assertThatThrownBy(() -> client.replacementDetails("X")).isInstanceOfSatisfying(BadRequestException.class,
                e -> assertThat(e.code()).isEqualTo("DEVICE_ID_REQUIRED"));
    }

    @Test
    void unreadableOrOversizedSuccessBodiesAreMalformedResponses() {
        apple.script("GET /account", text(200, "<html>maintenance</html>"), json(200, ""));
        assertThatThrownBy(() -> client.account()).isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> client.account()).isInstanceOf(MalformedResponseException.class);

        try (OkHttpAppleDepClient small = new OkHttpAppleDepClient(config(URI.create(server.url("/").toString()), RETRY),
                journal::add, sleeper, 64)) {
            apple.script("POST /server/devices", json(200, "{\"devices\":[],\"cursor\":\"" + "x".repeat(200) + "\"}"));
            assertThatThrownBy(() -> small.fetchDevices(null, null)).isInstanceOf(MalformedResponseException.class);
        }
    }

    @Test
    void errorBodiesAreReadOnlyUpToTheBound() {
        apple.script("GET /account", text(403, "ACCESS_DENIED" + " ".repeat(100_000) + "T_C_NOT_SIGNED"));

        assertThatThrownBy(() -> client.account()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void redirectsAreNotFollowedSoTheSessionNeverLeavesForAnotherHost() {
        apple.script("GET /account", new mockwebserver3.MockResponse.Builder().code(302)
                .addHeader("Location", "http://elsewhere.invalid/steal").build());

        assertThatThrownBy(() -> client.account()).isInstanceOf(MalformedResponseException.class);
        assertThat(apple.requests).hasSize(2);
    }

    @Test
    void theGivenProxySelectorIsUsed() throws Exception {
        apple.script("GET /account", json(200, "{\"server_name\":\"via proxy\"}"));
        InetSocketAddress proxy = new InetSocketAddress(server.getHostName(), server.getPort());
        ProxySelector selector = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.HTTP, proxy));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, java.io.IOException ioe) {
            }
        };
        ClientConfig viaProxy = new ClientConfig(URI.create("http://mdmenrollment.example.invalid/"), 7L, () -> TOKEN,
                Clock.fixed(NOW, ZoneOffset.UTC), RETRY, selector, Duration.ofSeconds(2), Duration.ofSeconds(5));

        try (OkHttpAppleDepClient proxied = new OkHttpAppleDepClient(viaProxy, journal::add, sleeper)) {
            assertThat(proxied.account().serverName()).isEqualTo("via proxy");
        }
        RecordedRequest session = apple.requestsTo("GET /session").get(0);
        assertThat(session.getUrl().host()).isEqualTo("mdmenrollment.example.invalid");
        // the signature covers the real target, not the proxy
        Map<String, String> oauth = OAuth1Signature.parseHeader(session.getHeaders().get("Authorization"));
        List<Entry<String, String>> signed = new ArrayList<>();
        oauth.forEach((k, v) -> {
            if (k.startsWith("oauth_") && !k.equals("oauth_signature")) {
                signed.add(Map.entry(k, v));
            }
        });
        assertThat(oauth.get("oauth_signature")).isEqualTo(OAuth1Signature.sign(OAuth1Signature.baseString("GET",
                URI.create("http://mdmenrollment.example.invalid/session"), signed), CONSUMER_SECRET, ACCESS_SECRET));
    }

    @Test
    void aBaseUrlWithAPathPrefixIsHonoured() throws Exception {
        apple.script("GET /dep/account", json(200, "{\"server_name\":\"prefixed\"}"));
        apple.script("GET /dep/session", json(200, "{\"auth_session_token\":\"PFX\"}"));
        try (OkHttpAppleDepClient prefixed = new OkHttpAppleDepClient(
                config(URI.create(server.url("/dep/").toString()), RETRY), journal::add, sleeper)) {
            assertThat(prefixed.account().serverName()).isEqualTo("prefixed");
        }
        assertThat(apple.requestsTo("GET /dep/account").get(0).getHeaders().get("X-ADM-Auth-Session")).isEqualTo("PFX");
    }
}
