package com.signalops.it.support;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One form of a console page as a browser would submit it, without running its scripts: every
 * field with its current value (hidden fields, the view state, text, checked boxes, selected
 * options), values set by the test, the page's CSP nonce as PrimeFaces' script sends it, and the
 * button pressed. A PrimeFaces button's Ajax call becomes an ordinary post, which invokes the same action.
 */
public final class FacesForm {

    private final ConsoleClient console;
    private final String page;
    private final Document document;
    private final Element form;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<Map.Entry<String, String>> ticked = new ArrayList<>();
    private String fileField;
    private String fileName;
    private byte[] fileContent;

    private FacesForm(ConsoleClient console, String page, Document document, Element form) {
        this.console = console;
        this.page = page;
        this.document = document;
        this.form = form;
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type").toLowerCase();
            if (type.equals("submit") || type.equals("button") || type.equals("image") || type.equals("file")) {
                continue;
            }
            if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) {
                continue;
            }
            fields.put(input.attr("name"), input.hasAttr("value") ? input.attr("value") : (type.equals("checkbox") ? "on" : ""));
        }
        for (Element select : form.select("select[name]")) {
            Element chosen = select.selectFirst("option[selected]");
            if (chosen == null) {
                chosen = select.selectFirst("option");
            }
            fields.put(select.attr("name"), chosen == null ? "" : chosen.attr("value"));
        }
        for (Element area : form.select("textarea[name]")) {
            fields.put(area.attr("name"), area.text());
        }
    }

    /** Form {@code formId} of {@code page} as {@code console} sees it now; fails when the page does not show it. */
    public static FacesForm of(ConsoleClient console, String page, String formId) {
        HttpResponse<String> response = console.get(page);
        if (response.statusCode() != 200) {
            throw new AssertionError(page + " answered " + response.statusCode());
        }
        Document document = Jsoup.parse(response.body());
        Element form = document.getElementById(formId);
        if (form == null || !form.tagName().equals("form")) {
            throw new AssertionError("no form " + formId + " on " + page);
        }
        return new FacesForm(console, page, document, form);
    }

    /** Form {@code formId} of the page {@code response} (to a post on {@code page}) shows, to go on from there. */
    public static FacesForm after(ConsoleClient console, String page, HttpResponse<String> response, String formId) {
        Document document = Jsoup.parse(response.body());
        Element form = document.getElementById(formId);
        if (form == null || !form.tagName().equals("form")) {
            throw new AssertionError("no form " + formId + " in the answer " + response.statusCode() + " of " + page);
        }
        return new FacesForm(console, page, document, form);
    }

    /** Sets field {@code name} (its full client id, e.g. {@code keys:grace}). */
    public FacesForm set(String name, String value) {
        fields.put(name, value);
        return this;
    }

    /** Attaches {@code content} as file {@code fileName} to file input {@code name}: the form is then posted as multipart. */
    public FacesForm attach(String name, String fileName, byte[] content) {
        this.fileField = name;
        this.fileName = fileName;
        this.fileContent = content;
        return this;
    }

    /** Ticks the checkbox that carries {@code attribute="value"}, e.g. a permission's {@code data-permission}. */
    public FacesForm tick(String attribute, String value) {
        Element box = form.selectFirst("input[type=checkbox][" + attribute + "=" + value + "]");
        if (box == null) {
            throw new AssertionError("no checkbox with " + attribute + "=" + value + " in form " + form.id());
        }
        fields.put(box.attr("name"), "on");
        return this;
    }

    /**
     * Ticks every checkbox named {@code name} whose value is one of {@code values} (boxes that share a name, such as
     * the findings picked in a list); fails when one is not in the form.
     */
    public FacesForm tickValues(String name, List<String> values) {
        for (String value : values) {
            if (form.selectFirst("input[type=checkbox][name=" + name + "][value=" + value + "]") == null) {
                throw new AssertionError("no checkbox " + name + "=" + value + " in form " + form.id());
            }
            ticked.add(Map.entry(name, value));
        }
        return this;
    }

    /**
     * The client id of the button with id suffix {@code buttonId} in the row (element) that
     * contains {@code rowText}, e.g. the suspend button of one member in a data table.
     */
    public String buttonInRow(String rowText, String buttonId) {
        for (Element row : form.select("tr")) {
            if (row.text().contains(rowText)) {
                Element button = row.selectFirst("[id$=:" + buttonId + "]");
                if (button != null) {
                    return button.id();
                }
            }
        }
        throw new AssertionError("no button " + buttonId + " in a row with '" + rowText + "' in form " + form.id());
    }

    /** The name of the form's input that carries {@code attribute="value"}, e.g. a store's rate field by its {@code data-store}. */
    public String inputWith(String attribute, String value) {
        Element input = form.selectFirst("input[" + attribute + "=" + value + "]");
        if (input == null) {
            throw new AssertionError("no input with " + attribute + "=" + value + " in form " + form.id());
        }
        return input.attr("name");
    }

    /** Whether the page shows element {@code id}. */
    public boolean shows(String id) {
        return document.getElementById(id) != null;
    }

    /** Presses button {@code buttonClientId} with {@code parameters} added (what an {@code f:param} would send). */
    public HttpResponse<String> press(String buttonClientId, Map<String, String> parameters) {
        Map<String, String> posted = new LinkedHashMap<>(fields);
        Element script = document.selectFirst("script[nonce]");
        if (script != null) {
            // PrimeFaces' CSP mode checks on every postback the page's nonce, which its script adds to each submission
            posted.put("primefaces.nonce", script.attr("nonce"));
        }
        posted.putAll(parameters);
        posted.put(buttonClientId, "");
        String action = form.attr("action");
        String path = action.isEmpty() ? page : action;
        String target = path.replaceFirst(";jsessionid=[^?]*", "");
        if (!ticked.isEmpty()) {
            List<Map.Entry<String, String>> all = new ArrayList<>(posted.entrySet());
            all.addAll(ticked);
            return console.post(target, all);
        }
        return fileField == null ? console.post(target, posted) : console.postMultipart(target, posted, fileField, fileName, fileContent);
    }

    public HttpResponse<String> press(String buttonClientId) {
        return press(buttonClientId, Map.of());
    }
}
