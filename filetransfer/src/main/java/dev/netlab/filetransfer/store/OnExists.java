package dev.netlab.filetransfer.store;

/** What to do when a verified file's final name is taken by different content. */
public enum OnExists {
    /** Store under "name (1).ext", "name (2).ext", ...: never destroys data. The default. */
    RENAME,
    /** Atomically replace the existing file. */
    OVERWRITE,
    /** Refuse the file; the existing one stays. */
    FAIL
}
