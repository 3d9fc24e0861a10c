package io.butlerbench.seeder.seeding;

import java.time.LocalDate;

/** One planned document: its id and where it sits (day, window in hours, slot of the day). */
record Slot(String id, LocalDate day, int hours, int slot) {}
