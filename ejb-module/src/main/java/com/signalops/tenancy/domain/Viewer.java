package com.signalops.tenancy.domain;

import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.SignedIn;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Objects;

/**
 * Who is looking at a workspace's districts and stores, and so what they see: the one place of
 * the row-level scope rule.
 * <ul>
 * <li>{@link ScopeType#WORKSPACE}: every district and every store.</li>
 * <li>{@link ScopeType#DISTRICT}: their district and the stores in it.</li>
 * <li>{@link ScopeType#STORE}: their store only, and no district at all: the store's district
 * is named through the store itself, never listed or opened on its own, so that a rep learns
 * nothing of the district's other stores.</li>
 * </ul>
 * Changing the structure (districts, which district a store is in) needs workspace scope; a
 * district scope may add stores to its own district.
 *
 * @param districtId the district, for {@link ScopeType#DISTRICT} only
 * @param storeId    the store, for {@link ScopeType#STORE} only
 */
public record Viewer(long workspaceId, ScopeType scope, Long districtId, Long storeId) {

    public Viewer {
        Objects.requireNonNull(scope, "scope");
        boolean consistent = switch (scope) {
            case WORKSPACE -> districtId == null && storeId == null;
            case DISTRICT -> districtId != null && storeId == null;
            case STORE -> storeId != null && districtId == null;
        };
        if (!consistent) {
            throw new IllegalArgumentException("A " + scope + " viewer names exactly the " + scope + " it reaches");
        }
    }

    /** The viewer of the active role {@code grant} held in workspace {@code workspaceId}. */
    public static Viewer of(long workspaceId, SignedIn.Grant grant) {
        return new Viewer(workspaceId, grant.scope(), grant.districtId(), grant.storeId());
    }

    /** A viewer of the whole workspace. */
    public static Viewer ofWorkspace(long workspaceId) {
        return new Viewer(workspaceId, ScopeType.WORKSPACE, null, null);
    }

    public boolean seesWholeWorkspace() {
        return scope == ScopeType.WORKSPACE;
    }

    /** Whether {@code district} (read in this viewer's workspace) is visible to this viewer. */
    public boolean sees(District district) {
        if (!ownWorkspace(district)) {
            return false;
        }
        return switch (scope) {
            case WORKSPACE -> true;
            case DISTRICT -> districtId.equals(district.id());
            case STORE -> false;
        };
    }

    /** Whether {@code store} (read in this viewer's workspace) is visible to this viewer. */
    public boolean sees(Store store) {
        if (!ownWorkspace(store)) {
            return false;
        }
        return switch (scope) {
            case WORKSPACE -> true;
            case DISTRICT -> store.district().map(d -> districtId.equals(d.id())).orElse(false);
            case STORE -> storeId.equals(store.id());
        };
    }

    /** Whether this viewer may add a store to {@code district} (null: to no district). */
    public boolean mayAddStoreTo(District district) {
        return switch (scope) {
            case WORKSPACE -> district == null || sees(district);
            case DISTRICT -> district != null && sees(district);
            case STORE -> false;
        };
    }

    /** The districts this viewer sees, by name; {@code em} must be of this viewer's workspace. */
    public List<District> visibleDistricts(EntityManager em) {
        return switch (scope) {
            case WORKSPACE -> em.createNamedQuery("District.findAll", District.class).getResultList();
            case DISTRICT -> em.createNamedQuery("District.findById", District.class).setParameter("id", districtId).getResultList();
            case STORE -> List.of();
        };
    }

    /** The stores this viewer sees, by code; {@code em} must be of this viewer's workspace. */
    public List<Store> visibleStores(EntityManager em) {
        return switch (scope) {
            case WORKSPACE -> em.createNamedQuery("Store.findAll", Store.class).getResultList();
            case DISTRICT -> em.createNamedQuery("Store.findByDistrictId", Store.class).setParameter("districtId", districtId)
                    .getResultList();
            case STORE -> em.createNamedQuery("Store.findById", Store.class).setParameter("id", storeId).getResultList();
        };
    }

    private boolean ownWorkspace(TenantOwned row) {
        return row != null && row.workspaceId() != null && row.workspaceId() == workspaceId;
    }
}
