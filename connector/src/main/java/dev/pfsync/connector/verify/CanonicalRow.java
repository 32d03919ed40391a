package dev.pfsync.connector.verify;

/** One row as comparable text: the key and all values joined. */
record CanonicalRow(String key, String text) {}
