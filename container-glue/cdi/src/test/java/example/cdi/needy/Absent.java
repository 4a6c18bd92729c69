package example.cdi.needy;

/** Nothing implements it. */
public interface Absent {
}
