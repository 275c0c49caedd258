package com.signalops.identity.web;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditPage;
import com.signalops.audit.domain.AuditRecordView;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.service.AuditLog;
import com.signalops.identity.domain.AccountMembership;
import com.signalops.identity.domain.UserAccount;
import com.signalops.identity.service.AccountService;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The "My data" page: the signed-in user's profile, memberships in every workspace and their own
 * audit records in the current workspace (paged, newest first), the form that corrects their
 * display name (audited), and the link to download all of it as JSON. Only the user's own data:
 * every read is by the session's user id.
 */
@Named
@ViewScoped
public class AccountDataBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @EJB
    private transient AccountService accounts;

    @EJB
    private transient AuditLog log;

    @Inject
    private ConsoleSession session;

    @Inject
    private transient ConsoleMessages messages;

    private String displayName;
    private AuditPage<AuditRecordView> page = new AuditPage<>(List.of(), null, null);

    @PostConstruct
    void load() {
        displayName = getProfile().displayName();
        show(null);
    }

    public UserAccount getProfile() {
        return accounts.profile(session.getUserId());
    }

    public List<AccountMembership> getMemberships() {
        return accounts.memberships(session.getUserId());
    }

    public List<AuditRecordView> getRecords() {
        return page.items();
    }

    /** Saves the corrected display name. */
    public void rename() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        try {
            UserAccount renamed = accounts.rename(session.getUserId(), session.getWorkspaceId(), displayName, request.getRemoteAddr());
            session.renamed(renamed.displayName());
            displayName = renamed.displayName();
            messages.info("account-data.renamed");
            show(null);
        } catch (BusinessException refused) {
            messages.refused(refused, "account-data.failed");
        }
    }

    public void next() {
        show(page.next());
    }

    public void previous() {
        show(page.previous());
    }

    private void show(PageCursor cursor) {
        AuditFilter mine = AuditFilter.builder().actor(ActorType.USER.name(), Long.toString(session.getUserId()))
                .pageSize(AuditFilter.DEFAULT_PAGE_SIZE).build();
        page = log.page(session.getWorkspaceId(), mine, cursor);
    }

    public boolean isHasNext() {
        return page.next() != null;
    }

    public boolean isHasPrevious() {
        return page.previous() != null;
    }

    /** {@code at} to the second, or null for a moment that has not happened. */
    public String at(Instant at) {
        return at == null ? null : MILLIS.format(at);
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }
}
