package io.butlerbench.seeder.seeding;

import io.butlerbench.seeder.content.DigestGenerator;
import io.butlerbench.seeder.content.ReviewReportGenerator;
import io.butlerbench.seeder.corpus.Corpus;
import io.butlerbench.seeder.corpus.CorpusCoverage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a seeding, reading only: which slots (channel or assignment, day, window, slot of the day)
 * the floor needs and which of them are missing from the store. Slots are planned newest day first
 * in a fixed order, so two concurrent top-ups pick the same ids.
 */
final class SlotPlanner {
  private final CorpusCoverage coverage;

  SlotPlanner(CorpusCoverage coverage) {
    this.coverage = coverage;
  }

  /** The window of a plan started at {@code startedAt}: from the start of its first day. */
  static Instant windowStart(SeedingPlan plan, Instant startedAt) {
    return firstDay(plan, startedAt).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Every channel's, then every assignment's, missing slots, in plan order. */
  List<TopUpTarget> plan(SeedingPlan plan, Instant startedAt) {
    LocalDate today = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
    LocalDate firstDay = firstDay(plan, startedAt);
    Instant windowStart = windowStart(plan, startedAt);
    List<TopUpTarget> targets = new ArrayList<>();
    Map<String, Long> digestsBefore =
        coverage.countInWindow(Corpus.DIGESTS, plan.channels(), windowStart, startedAt);
    for (String channel : plan.channels()) {
      targets.add(planChannel(plan, channel, digestsBefore, today, firstDay));
    }
    Map<String, Long> reportsBefore =
        coverage.countInWindow(Corpus.REVIEW_REPORTS, plan.assignments(), windowStart, startedAt);
    for (String assignment : plan.assignments()) {
      targets.add(planAssignment(plan, assignment, reportsBefore, today, firstDay));
    }
    return targets;
  }

  private static LocalDate firstDay(SeedingPlan plan, Instant startedAt) {
    return LocalDate.ofInstant(startedAt, ZoneOffset.UTC).minusDays(plan.windowDays() - 1L);
  }

  private TopUpTarget planChannel(
      SeedingPlan plan,
      String channel,
      Map<String, Long> before,
      LocalDate today,
      LocalDate firstDay) {
    long dailyBefore = before.getOrDefault(channel + CorpusCoverage.DAILY, 0L);
    long weeklyBefore = before.getOrDefault(channel + CorpusCoverage.WEEKLY, 0L);
    List<Slot> daily = new ArrayList<>();
    for (LocalDate day = today; !day.isBefore(firstDay); day = day.minusDays(1)) {
      for (int slot = 0; slot < plan.slotsPerDay(); slot++) {
        daily.add(new Slot(DigestGenerator.digestId(channel, day, 24, slot), day, 24, slot));
      }
    }
    List<Slot> weekly = new ArrayList<>();
    for (int week = 0; week < plan.weeklyPerChannel(); week++) {
      LocalDate day = today.minusDays(7L * week);
      weekly.add(new Slot(DigestGenerator.digestId(channel, day, 168, 0), day, 168, 0));
    }
    List<Slot> planned = new ArrayList<>(daily);
    planned.addAll(weekly);
    Set<String> existing = coverage.existingIds(Corpus.DIGESTS, ids(planned));
    List<Slot> missing =
        new ArrayList<>(missing(daily, existing, plan.minimumPerChannel() - dailyBefore));
    missing.addAll(missing(weekly, existing, plan.weeklyPerChannel() - weeklyBefore));
    return new TopUpTarget(Corpus.DIGESTS, channel, dailyBefore, weeklyBefore, missing);
  }

  private TopUpTarget planAssignment(
      SeedingPlan plan,
      String assignment,
      Map<String, Long> before,
      LocalDate today,
      LocalDate firstDay) {
    long reportsBefore = before.getOrDefault(assignment, 0L);
    List<Slot> slots = new ArrayList<>();
    for (LocalDate day = today; !day.isBefore(firstDay); day = day.minusDays(1)) {
      for (int slot = 0; slot < plan.slotsPerDay(); slot++) {
        slots.add(new Slot(ReviewReportGenerator.reportId(assignment, day, slot), day, 24, slot));
      }
    }
    Set<String> existing = coverage.existingIds(Corpus.REVIEW_REPORTS, ids(slots));
    return new TopUpTarget(
        Corpus.REVIEW_REPORTS,
        assignment,
        reportsBefore,
        0,
        missing(slots, existing, plan.minimumPerChannel() - reportsBefore));
  }

  private static List<String> ids(List<Slot> slots) {
    return slots.stream().map(Slot::id).toList();
  }

  /** The first {@code need} planned slots that are not stored yet, in plan order. */
  static List<Slot> missing(List<Slot> planned, Set<String> existing, long need) {
    List<Slot> missing = new ArrayList<>();
    for (Slot slot : planned) {
      if (missing.size() >= need) {
        break;
      }
      if (!existing.contains(slot.id())) {
        missing.add(slot);
      }
    }
    return missing;
  }
}
