package io.butlerbench.seeder.content;

import io.butlerbench.seeder.content.RussianCorpus.Event;
import io.butlerbench.seeder.content.RussianCorpus.Theme;
import io.butlerbench.seeder.corpus.StoredDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one channel digest: posts first, then a {@code summary_markdown} built from those posts,
 * then (for a share of digests) one injected defect and a judge result consistent with it.
 */
public final class DigestGenerator {
  private static final DateTimeFormatter ID_DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final int DIGEST_HOUR_UTC = 21;

  private final GeneratorSettings settings;

  public DigestGenerator(GeneratorSettings settings) {
    this.settings = settings;
  }

  /** {@code @tech_ru-20261101-24h-0}: channel, covered day, window, slot within the day. */
  public static String digestId(String channel, LocalDate day, int hours, int slot) {
    return channel + "-" + ID_DATE.format(day) + "-" + hours + "h-" + slot;
  }

  /**
   * When the digest for {@code day} was produced: in the evening of that day, slots ten minutes
   * apart, never after {@code now} (today's digest may be produced early).
   */
  public static Instant createdAt(LocalDate day, int slot, Instant now) {
    Instant planned =
        day.atTime(DIGEST_HOUR_UTC, 0)
            .toInstant(ZoneOffset.UTC)
            .plus(Duration.ofMinutes(10L * slot));
    return planned.isAfter(now) ? now.minusSeconds(slot) : planned;
  }

  public StoredDigest generate(
      String channel, LocalDate day, int hours, int slot, Instant now, long seed) {
    String id = digestId(channel, day, hours, slot);
    DocumentRandom random = new DocumentRandom(seed, id);
    Theme theme = RussianCorpus.themeFor(channel);
    Instant createdAt = createdAt(day, slot, now);
    double latency = StoredJudgeResult.latencySeconds(random, 80, 0.5);

    int postCount = hours == 24 ? random.between(3, 7) : random.between(6, 10);
    List<Post> posts = new ArrayList<>(postCount);
    Set<String> titles = new HashSet<>();
    long windowSeconds = hours * 3600L;
    long firstMessageId = day.toEpochDay() * 1000 + slot * 100L;
    for (int i = 0; i < postCount; i++) {
      // posts are spread over the window in order, each before the digest was produced
      long offset = windowSeconds * (i + 1) / (postCount + 1) + random.between(0, 600);
      Instant postedAt = createdAt.minusSeconds(windowSeconds).plusSeconds(offset);
      Post post = Post.write(random, theme, firstMessageId + i, postedAt);
      // distinct titles keep each bullet traceable to one post (and an omission detectable)
      for (int attempt = 0; attempt < 20 && titles.contains(post.title); attempt++) {
        post = Post.write(random, theme, firstMessageId + i, postedAt);
      }
      titles.add(post.title);
      posts.add(post);
    }

    String heading =
        hours == 24
            ? "**Дайджест " + channel + " за " + RU_DATE.format(day) + "**"
            : "**Недельный дайджест "
                + channel
                + ": "
                + RU_DATE.format(day.minusDays(6))
                + "–"
                + RU_DATE.format(day)
                + "**";
    int keyIndex = keyPostIndex(posts);
    List<String> bullets = new ArrayList<>(postCount);
    for (Post post : posts) {
      bullets.add("- **" + post.title + "**: " + post.bullet + ".");
    }

    Defect defect = StoredJudgeResult.pickDefect(random, settings);
    String note = null;
    String closing = "_Главное: " + posts.get(keyIndex).title + "._";
    if (defect != null) {
      switch (defect) {
        case KEY_POST_OMITTED -> {
          note = "Пропущена ключевая тема: «" + posts.get(keyIndex).title + "».";
          bullets.remove(keyIndex);
          closing = "";
        }
        case INVENTED_FACT -> {
          String fabricated =
              RussianCorpus.capitalise(random.pick(theme.subjects()))
                  + " объявляет о покупке конкурента за "
                  + random.between(2, 40)
                  + " млрд ₽";
          note = "В резюме есть факт, которого нет в источнике: «" + fabricated + "».";
          bullets.add(random.between(0, bullets.size()), "- **" + fabricated + "**.");
        }
        case SHUFFLED_ORDER -> {
          note = "Пункты изложены вне хронологии и без связи между собой.";
          Collections2.shuffleUntilChanged(bullets, random);
        }
        case FILLER -> {
          note = "Много общих фраз без информации, полезные факты теряются.";
          for (int i = 0; i < 3; i++) {
            bullets.add(
                random.between(0, bullets.size()), "- " + random.pick(RussianCorpus.FILLER));
          }
        }
      }
    }
    StringBuilder summary = new StringBuilder(heading).append("\n\n");
    summary.append(String.join("\n", bullets));
    if (!closing.isEmpty()) {
      summary.append("\n\n").append(closing);
    }

    // the flags are drawn in this order: the random sequence, and so the content, depend on it
    boolean useNewSummarization = random.chance(0.7);
    boolean enableQualityEvaluation = random.chance(0.9);
    boolean enableAsyncLongSummarization = hours == 168 || random.chance(0.2);
    return new StoredDigest(
        id,
        id,
        channel,
        "ru",
        createdAt,
        hours,
        posts.stream().map(Post::stored).toList(),
        summary.toString(),
        new StoredDigest.FeatureFlags(
            useNewSummarization, enableQualityEvaluation, enableAsyncLongSummarization),
        latency,
        settings.llmModel(),
        new StoredDigest.Quality(StoredJudgeResult.build(random, settings, defect, note)),
        Synthetic.label(seed, defect));
  }

  /** The most viewed post is the one a summary must not leave out. */
  private static int keyPostIndex(List<Post> posts) {
    int key = 0;
    for (int i = 1; i < posts.size(); i++) {
      if (posts.get(i).views > posts.get(key).views) {
        key = i;
      }
    }
    return key;
  }

  private record Post(
      long messageId, Instant postedAt, String title, String text, String bullet, int views) {

    static Post write(DocumentRandom random, Theme theme, long messageId, Instant postedAt) {
      Event event = random.pick(RussianCorpus.EVENTS);
      String subject = random.pick(theme.subjects());
      String second = random.pick(theme.subjects());
      if (second.equals(subject)) {
        second =
            theme.subjects().get((theme.subjects().indexOf(subject) + 1) % theme.subjects().size());
      }
      String[] slots = {
        "{S2}", second,
        "{S}", subject,
        "{O}", random.pick(theme.objects()),
        "{A}", random.pick(theme.areas()),
        "{C}", random.pick(RussianCorpus.CITIES_PREPOSITIONAL),
        "{MONTH}", random.pick(RussianCorpus.MONTHS_PREPOSITIONAL),
        "{Q}", random.pick(RussianCorpus.QUARTERS_GENITIVE),
        "{N}", Integer.toString(random.between(12, 480)),
        "{P2}", Integer.toString(random.between(20, 65)),
        "{P}", Integer.toString(random.between(3, 45)),
        "{M}", Integer.toString(random.between(50, 900)),
      };
      int views = (int) Math.round(1500 * Math.exp(0.8 * random.gaussian()));
      return new Post(
          messageId,
          postedAt,
          RussianCorpus.capitalise(fill(event.title(), slots)),
          fill(event.text(), slots),
          fill(event.bullet(), slots),
          views);
    }

    StoredDigest.Post stored() {
      return new StoredDigest.Post(messageId, postedAt, title, text, views);
    }
  }

  /** Replaces slots in order; {S2} precedes {S} so the shorter slot never eats the longer one. */
  static String fill(String template, String[] slots) {
    String result = template;
    for (int i = 0; i < slots.length; i += 2) {
      result = result.replace(slots[i], slots[i + 1]);
    }
    return result;
  }
}
