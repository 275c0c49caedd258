package com.signalops.jobs.imports;

import java.io.Serializable;

/** A reader's checkpoint: the byte offset just after the last line of the committed chunk, and that line's number. */
record LinePosition(long offset, long lineNumber) implements Serializable {
}
