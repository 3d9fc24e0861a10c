package io.butlerbench.benchmark.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference judge on summaries shaped like the seeder's, clean and with each defect. */
class ReferenceJudgeTest {
  static final String DIGEST_SOURCE =
      String.join(
          "\n\n",
          "Яндекс запускает облачную платформу\nЯндекс запускает облачную платформу. В первую волну доступ получат 120 тыс. пользователей, полный релиз ожидается в декабре.",
          "МТС открывает центр разработки в Казани\nМТС открывает центр разработки в Казани. В первый год там будут работать 45 инженеров. Инвестиции составят 300 млн рублей.",
          "Ozon сообщает о росте выручки на 17%\nПо итогам третьего квартала выручка выросла на 17% год к году.",
          "VK устраняет сбой в работе сервисов\nСбой продолжался 38 минут и затронул около 12% пользователей.");
  static final List<String> BULLETS =
      List.of(
          "- **Яндекс запускает облачную платформу**: доступ получат 120 тыс. пользователей, полный релиз — в декабре.",
          "- **МТС открывает центр разработки в Казани**: центр в Казани на 45 инженеров, инвестиции — 300 млн ₽.",
          "- **Ozon сообщает о росте выручки на 17%**: выручка выросла на 17% за третьего квартал.",
          "- **VK устраняет сбой в работе сервисов**: сбой длился 38 мин и затронул около 12% пользователей.");

  final ReferenceJudge judge = new ReferenceJudge();

  static String digest(List<String> bullets) {
    return "**Дайджест @tech_ru за 20.11.2026**\n\n" + String.join("\n", bullets);
  }

  Map<String, Double> scores(String source, String summary) {
    Verdict verdict =
        judge.judge(
            new Sample("s", source, summary, 90, Map.of(), List.of()),
            summary,
            new Judge.Sampling(0, 0));
    assertTrue(!verdict.isError());
    return verdict.scores();
  }

  @Test
  void aCleanSummaryScoresFullMarks() {
    assertEquals(
        Map.of("coverage", 1.0, "accuracy", 1.0, "coherence", 1.0, "informativeness", 1.0),
        scores(DIGEST_SOURCE, digest(BULLETS)));
  }

  @Test
  void eachDefectLowersTheMetricItTargets() {
    Map<String, Double> omitted =
        scores(DIGEST_SOURCE, digest(List.of(BULLETS.get(0), BULLETS.get(2), BULLETS.get(3))));
    assertEquals(0.75, omitted.get("coverage"));
    assertEquals(1.0, omitted.get("accuracy"));

    Map<String, Double> invented =
        scores(
            DIGEST_SOURCE,
            digest(
                List.of(
                    BULLETS.get(0),
                    "- **Сбер объявляет о покупке конкурента за 27 млрд ₽**.",
                    BULLETS.get(1),
                    BULLETS.get(2),
                    BULLETS.get(3))));
    assertEquals(0.8, invented.get("accuracy"));
    assertEquals(1.0, invented.get("coverage"));

    Map<String, Double> shuffled =
        scores(
            DIGEST_SOURCE,
            digest(List.of(BULLETS.get(3), BULLETS.get(1), BULLETS.get(0), BULLETS.get(2))));
    assertTrue(shuffled.get("coherence") < 0.5, shuffled.toString());
    assertEquals(1.0, shuffled.get("coverage"));

    Map<String, Double> filler =
        scores(
            DIGEST_SOURCE,
            digest(
                List.of(
                    BULLETS.get(0),
                    "- В целом период выдался насыщенным и интересным.",
                    BULLETS.get(1),
                    "- Следите за обновлениями — дальше будет ещё интереснее.",
                    BULLETS.get(2),
                    BULLETS.get(3),
                    "- Это лишь часть того, что произошло за это время.")));
    assertEquals(0.571, filler.get("informativeness"));
    assertEquals(1.0, filler.get("accuracy"));
  }

  @Test
  void reviewFindingsAreTopicsAndSeverityIsTheirOrder() {
    String source =
        "[architecture] Архитектура: найдено замечаний — 1.\nРекомендация: Читать секреты из переменных окружения.\n"
            + "Замечание [critical] Секреты в репозитории: Пароль записан в коде. (app/config.py:12)\n\n"
            + "[component] Реализация: найдено замечаний — 2.\nРекомендация: Вынести константы.\n"
            + "Замечание [minor] Магические числа: Таймауты записаны в коде. (app/main.py:40)\n"
            + "Замечание [major] Исключения проглатываются: Ошибки теряются. (app/db.py:7)";
    String clean =
        "**Итоговое ревью: hw02**\n\nРабота требует доработки. Основные замечания:\n\n"
            + "- [critical] Секреты в репозитории (`app/config.py:12`)\n"
            + "- [major] Исключения проглатываются (`app/db.py:7`)\n"
            + "- [minor] Магические числа (`app/main.py:40`)";
    assertEquals(
        Map.of("coverage", 1.0, "accuracy", 1.0, "coherence", 1.0, "informativeness", 1.0),
        scores(source, clean));
    String invertedAndInvented =
        "**Итоговое ревью: hw02**\n\n"
            + "- [minor] Магические числа (`app/main.py:40`)\n"
            + "- [major] Утечка памяти в кэше (`app/cache.py:99`)\n"
            + "- [critical] Секреты в репозитории (`app/config.py:12`)";
    Map<String, Double> degraded = scores(source, invertedAndInvented);
    assertEquals(0.667, degraded.get("coverage"));
    assertEquals(0.667, degraded.get("accuracy"));
    assertEquals(0.0, degraded.get("coherence"));
  }
}
