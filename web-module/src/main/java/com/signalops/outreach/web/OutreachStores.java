package com.signalops.outreach.web;

import com.signalops.approvals.domain.Person;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The stores the active role sees and the one chosen on an outreach page ({@code ?storeId=}, also posted back by its
 * forms; else the first), and the signed-in person the outreach services act for.
 */
@Named
@RequestScoped
public class OutreachStores {

    @EJB
    private DirectoryService directory;

    @Inject
    private ConsoleSession session;

    @Inject
    private FacesContext faces;

    private List<Store> stores;
    private Long storeId;

    public List<Store> getStores() {
        if (stores == null) {
            stores = directory.listStores(Viewer.of(session.getWorkspaceId(), session.getActiveRole()));
        }
        return stores;
    }

    /** The chosen store: {@code ?storeId=} when the role sees it, else the first the role sees (none when it sees none). */
    public Long getStoreId() {
        if (storeId == null) {
            String parameter = parameter("storeId");
            storeId = getStores().stream().map(Store::id).filter(id -> id.toString().equals(parameter)).findFirst()
                    .orElse(getStores().isEmpty() ? null : getStores().get(0).id());
        }
        return storeId;
    }

    /** Request parameter {@code name}, or null. */
    public String parameter(String name) {
        return faces.getExternalContext().getRequestParameterMap().get(name);
    }

    /** Request parameter {@code name} as an id, or null when absent or no number. */
    public Long id(String name) {
        String value = parameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Person person() {
        return new Person(session.getWorkspaceId(), session.getUserId(), session.getActiveRole());
    }
}
