package org.depconsole.domain.org;

import java.util.Locale;

/**
 * The Organization view's filters; null (or blank) means "any".
 *
 * @param serverId       only devices on this MDM server (id)
 * @param placement      only assigned, unassigned or released devices
 * @param productFamily  iPhone, iPad, Mac… (case-insensitive)
 * @param purchaseSource APPLE, RESELLER, MANUALLY_ADDED (case-insensitive)
 * @param orderNumber    exact order number (case-insensitive)
 * @param search         text contained in serial, model, order, part number, server, description or asset tag
 * @param includeReleased also devices the organization no longer lists (always when placement is RELEASED)
 */
public record OrgDeviceFilter(String serverId, OrgInventoryDevice.Placement placement, String productFamily, String purchaseSource,
                              String orderNumber, String search, boolean includeReleased) {

    public static OrgDeviceFilter all() {
        return new OrgDeviceFilter(null, null, null, null, null, null, false);
    }

    public boolean matches(OrgDeviceRow r) {
        OrgInventoryDevice d = r.device();
        if (placement != null ? d.placement() != placement : !includeReleased && d.released()) {
            return false;
        }
        if (blank(serverId) == null || serverId.equals(d.assignedServerId())) {
            return same(productFamily, d.productFamily()) && same(purchaseSource, d.purchaseSourceType()) && same(orderNumber, d.orderNumber())
                    && (blank(search) == null || r.searchText().contains(search.strip().toLowerCase(Locale.ROOT)));
        }
        return false;
    }

    private static boolean same(String wanted, String actual) {
        return blank(wanted) == null || wanted.strip().equalsIgnoreCase(actual == null ? "" : actual);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
