package com.signalops.web;

import com.signalops.shared.BusinessException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Messages shown on console pages, from the {@code messages} bundle in the view's locale: one
 * place that turns a business refusal's code into the sentence the user reads.
 */
@RequestScoped
public class ConsoleMessages {

    @Inject
    private FacesContext faces;

    private ResourceBundle bundle;

    /** The sentence of {@code key}. */
    public String text(String key) {
        if (bundle == null) {
            bundle = ResourceBundle.getBundle("messages", faces.getViewRoot().getLocale());
        }
        return bundle.getString(key);
    }

    public void info(String key) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text(key), null));
    }

    /** The sentence of {@code key} with {@code arguments} in its {@code {0}}, {@code {1}}, ... */
    public void info(String key, Object... arguments) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, MessageFormat.format(text(key), arguments), null));
    }

    public void error(String key) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key), null));
    }

    /**
     * The refusal's own sentence when the bundle has its code, else the sentence of {@code fallbackKey}, followed by the
     * refusal's message as detail: for refusals whose message says what to change (a value and its bounds), never
     * data of anyone.
     */
    public void refusedWithReason(BusinessException refusal, String fallbackKey) {
        text(fallbackKey);
        String summary = text(bundle.containsKey(refusal.code()) ? refusal.code() : fallbackKey);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, refusal.getMessage()));
    }

    /** The refusal's own sentence when the bundle has its code, else the sentence of {@code fallbackKey}. */
    public void refused(BusinessException refusal, String fallbackKey) {
        text(fallbackKey);
        error(bundle.containsKey(refusal.code()) ? refusal.code() : fallbackKey);
    }
}
