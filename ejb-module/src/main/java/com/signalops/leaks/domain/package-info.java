/**
 * The rules, their settings and the findings: {@link com.signalops.leaks.domain.LeakAnalysis} runs one rule for one
 * store on a JDBC connection in one transaction (upsert of matches, resolution of what no longer matches).
 * Nothing of the servlet, REST, Faces or batch APIs; nothing loads a store's rows into memory.
 */
package com.signalops.leaks.domain;
