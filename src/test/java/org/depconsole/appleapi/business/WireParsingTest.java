package org.depconsole.appleapi.business;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.depconsole.domain.business.MdmServer;
import org.depconsole.domain.business.OrgDevice;
import org.junit.jupiter.api.Test;

/** Lenient reading of the shapes apple-business-api.md §5–§6 reports from the field (the JSON here is written for the test). */
class WireParsingTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsStringOrArrayValuesBothPurchaseSourceSpellingsAndTimestampsWithOrWithoutMillis() throws Exception {
        OrgDevice d = OkHttpAppleBusinessClient.orgDevice(JSON.readTree("""
                {"type":"orgDevices","id":"F9XQ0TEST01","attributes":{
                  "addedToOrgDateTime":"2025-10-02T08:15:00.250Z","orderDateTime":"2025-09-30T07:00:00Z",
                  "updatedDateTime":"2026-01-05T10:00:00+01:00","deviceModel":"iPad Air 11-inch (M2)","productFamily":"iPad",
                  "status":"ASSIGNED","imei":"356789012345678","meid":[],"eid":null,"purchaseSourceUid":"7654321",
                  "wifiMacAddress":["aa:bb:cc:00:11:22"],"bluetoothMacAddress":"aa:bb:cc:00:11:23","color":"",
                  "someFutureAttribute":{"nested":true}}}"""));
        assertThat(d.serialNumber()).as("the id when serialNumber is left out").isEqualTo("F9XQ0TEST01");
        assertThat(d.addedToOrgDateTime()).isEqualTo(Instant.parse("2025-10-02T08:15:00.250Z"));
        assertThat(d.orderDateTime()).isEqualTo(Instant.parse("2025-09-30T07:00:00Z"));
        assertThat(d.updatedDateTime()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(d.imei()).containsExactly("356789012345678");
        assertThat(d.meid()).isEmpty();
        assertThat(d.eid()).isNull();
        assertThat(d.purchaseSourceId()).isEqualTo("7654321");
        assertThat(d.wifiMacAddress()).containsExactly("aa:bb:cc:00:11:22");
        assertThat(d.bluetoothMacAddress()).containsExactly("aa:bb:cc:00:11:23");
        assertThat(d.color()).isEmpty();
        assertThat(d.isAssigned()).isTrue();
        assertThat(d.isReleased()).isFalse();
    }

    @Test
    void readsTheDefaultServerSubsetAndFindsTheCursorInLinksNext() throws Exception {
        MdmServer s = OkHttpAppleBusinessClient.mdmServer(JSON.readTree("""
                {"type":"mdmServers","id":"0A1B2C3D4E5F60718293A4B5C6D7E8F9","attributes":{"serverName":"Lab","serverType":"MDM",
                 "createdDateTime":"2025-05-01T03:21:44.685Z"}}"""));
        assertThat(s.serverName()).isEqualTo("Lab");
        assertThat(s.isExternalMdm()).isTrue();
        assertThat(s.deviceCount()).isNull();
        assertThat(s.defaultProductFamilies()).isEmpty();

        assertThat(OkHttpAppleBusinessClient.nextCursor(JSON.readTree("""
                {"data":[],"links":{"self":"https://x/v1/orgDevices","next":"https://x/v1/orgDevices?limit=5&cursor=QUJD"},
                 "meta":{"paging":{"limit":5}}}"""))).isEqualTo("QUJD");
        assertThat(OkHttpAppleBusinessClient.nextCursor(JSON.readTree("{\"data\":[],\"meta\":{\"paging\":{\"limit\":5}}}"))).isNull();
    }

    @Test
    void readsActivityLogsByHeaderNames() {
        var rows = OkHttpAppleBusinessClient.parseCsv("\uFEFFDevice Serial Number,Result,Error Message,Other\r\n"
                + "F9XQ0TEST01,SUCCESS,,x\r\nF9XQ0TEST02,FAILED,\"Device not found, check it\",y\r\n\r\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).succeeded()).isTrue();
        assertThat(rows.get(1).succeeded()).isFalse();
        assertThat(rows.get(1).message()).isEqualTo("Device not found, check it");
        assertThat(rows.get(1).columns()).containsEntry("Other", "y");
    }
}
