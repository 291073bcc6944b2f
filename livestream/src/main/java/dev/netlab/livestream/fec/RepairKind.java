package dev.netlab.livestream.fec;

/** The kind of a repair payload, with the value it carries on the wire. */
public enum RepairKind {
    /** XOR of consecutive packets (step 1). */
    XOR_ROW(1),
    /** XOR of one column of a 2D block (step = the number of columns). */
    XOR_COLUMN(2),
    /** One Reed-Solomon (Cauchy) repair symbol; the index picks its coefficients. */
    REED_SOLOMON(3);

    private final int wireValue;

    RepairKind(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    /** The kind with this wire value, or null if there is none. */
    public static RepairKind fromWire(int value) {
        for (RepairKind kind : values()) {
            if (kind.wireValue == value) {
                return kind;
            }
        }
        return null;
    }

    /** True for the kinds whose repair is the plain XOR of its members. */
    public boolean isXor() {
        return this != REED_SOLOMON;
    }
}
