package com.signalops.identity.web;

import com.signalops.audit.web.ConsoleAudit;
import com.signalops.audit.domain.AuditAction;
import com.signalops.identity.domain.Member;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.SignedIn;
import com.signalops.identity.service.MemberService;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.District;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The users page's member list: who belongs to the workspace with which roles over which scopes,
 * and, for a workspace-wide role with {@code users.manage}, suspending, reinstating and revoking.
 */
@Named
@RequestScoped
public class MembersBacking {

    @EJB
    private MemberService memberService;

    @EJB
    private DirectoryService directory;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private ConsoleAudit audit;

    private List<Member> members;
    private Map<Long, String> districtNames;
    private Map<Long, String> storeCodes;

    public List<Member> getMembers() {
        if (members == null) {
            members = memberService.members(session.getWorkspaceId());
        }
        return members;
    }

    /** What {@code held} reaches, in words: the workspace, or the district's name or store's code the viewer sees. */
    public String scopeOf(Member.Held held) {
        if (districtNames == null) {
            Viewer viewer = Viewer.of(session.getWorkspaceId(), session.getActiveRole());
            districtNames = directory.listDistricts(viewer).stream().collect(Collectors.toMap(District::id, District::name));
            storeCodes = directory.listStores(viewer).stream().collect(Collectors.toMap(Store::id, Store::storeCode));
        }
        return switch (held.scope()) {
            case WORKSPACE -> messages.text("members.scope.workspace");
            case DISTRICT -> messages.text("members.scope.district") + " " + districtNames.getOrDefault(held.districtId(),
                    "#" + held.districtId());
            case STORE -> messages.text("members.scope.store") + " " + storeCodes.getOrDefault(held.storeId(), "#" + held.storeId());
        };
    }

    /** Whether the active role may change memberships: {@code users.manage} over the whole workspace. */
    public boolean isManageable() {
        return session.may(Permission.USERS_MANAGE) && session.getActiveRole().scope() == ScopeType.WORKSPACE;
    }

    public void suspend(long userId) {
        change("members.suspended", AuditAction.MEMBER_SUSPEND, "user", userId, actor -> memberService.suspend(session.getWorkspaceId(), session.getUserId(),
                actor.permissions(), userId));
    }

    public void reinstate(long userId) {
        change("members.reinstated", AuditAction.MEMBER_REINSTATE, "user", userId, actor -> memberService.reinstate(session.getWorkspaceId(), session.getUserId(),
                actor.permissions(), userId));
    }

    public void revoke(long membershipId) {
        change("members.revoked", AuditAction.MEMBERSHIP_REVOKE, "membership", membershipId, actor -> memberService.revokeMembership(session.getWorkspaceId(), session.getUserId(),
                actor.permissions(), membershipId));
    }

    /**
     * Runs {@code change} as the active role when it may manage members, and reports how it went;
     * a refusal here is recorded as {@code action} on the entity, DENIED.
     */
    void change(String doneKey, AuditAction action, String entityType, Object entityId, Consumer<SignedIn.Grant> change) {
        if (!isManageable()) {
            audit.deniedOn(action, entityType, entityId);
            messages.error("members.not-allowed");
            return;
        }
        try {
            change.accept(session.getActiveRole());
            messages.info(doneKey);
            members = null;
        } catch (BusinessException refused) {
            messages.refused(refused, "members.failed");
        }
    }
}
