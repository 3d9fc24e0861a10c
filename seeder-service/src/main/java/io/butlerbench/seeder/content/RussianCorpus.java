package io.butlerbench.seeder.content;

import java.util.List;
import java.util.Locale;

/**
 * The project's own Russian vocabularies and templates. Fake-data libraries localise Russian poorly
 * (missing keys fall back to English), so every sentence a judge reads comes from here. Templates
 * use the present tense so that subjects of any grammatical gender agree with the verb.
 */
final class RussianCorpus {
  private RussianCorpus() {}

  /** A channel's subject matter: who acts, on what, in which field. */
  record Theme(String key, List<String> subjects, List<String> objects, List<String> areas) {}

  /**
   * One kind of news: a post title, the post text and the digest bullet written from it. Slots: {S}
   * subject, {S2} second subject, {O} object, {A} area, {C} city, {MONTH}, {Q} quarter, {N}, {P},
   * {P2}, {M} numbers.
   */
  record Event(String title, String text, String bullet) {}

  static final List<Theme> THEMES =
      List.of(
          new Theme(
              "tech",
              List.of("Яндекс", "Сбер", "VK", "МТС", "Ozon", "Авито", "Т-Банк", "Касперский"),
              List.of(
                  "облачную платформу",
                  "голосового ассистента",
                  "сервис видеозвонков",
                  "мобильное приложение",
                  "платформу для разработчиков",
                  "систему онлайн-оплаты"),
              List.of(
                  "облачные вычисления",
                  "кибербезопасность",
                  "платёжные сервисы",
                  "умные устройства")),
          new Theme(
              "ml",
              List.of("Лаборатория ИИ Сбера", "Яндекс Research", "AIRI", "Сколтех", "ВШЭ", "МФТИ"),
              List.of(
                  "языковую модель на 7 млрд параметров",
                  "открытый датасет русских текстов",
                  "бенчмарк для русского языка",
                  "модель распознавания речи",
                  "библиотеку для дообучения моделей"),
              List.of(
                  "большие языковые модели",
                  "компьютерное зрение",
                  "обучение с подкреплением",
                  "оценка качества моделей")),
          new Theme(
              "devops",
              List.of(
                  "GitLab",
                  "Selectel",
                  "Yandex Cloud",
                  "VK Cloud",
                  "Флант",
                  "Positive Technologies"),
              List.of(
                  "управляемый Kubernetes",
                  "сервис резервного копирования",
                  "систему мониторинга",
                  "новый регион дата-центров",
                  "платформу CI/CD"),
              List.of(
                  "наблюдаемость",
                  "контейнерная оркестрация",
                  "инфраструктура как код",
                  "сетевая безопасность")),
          new Theme(
              "startup",
              List.of(
                  "Стартап Нейрокасса",
                  "Сервис Доставкин",
                  "Платформа Учись.ру",
                  "Проект АгроДрон",
                  "Стартап МедСкан",
                  "Финтех-сервис Копилка"),
              List.of(
                  "новый продукт для малого бизнеса",
                  "подписку для семей",
                  "сервис для фермеров",
                  "приложение для врачей"),
              List.of("финтех", "образовательные технологии", "агротех", "телемедицина")),
          new Theme(
              "science",
              List.of(
                  "Институт физики РАН", "МГУ", "Курчатовский институт", "НГУ", "ИТМО", "Росатом"),
              List.of(
                  "новый сверхпроводящий материал",
                  "телескоп нового поколения",
                  "прототип квантового компьютера",
                  "лабораторию геномных исследований"),
              List.of("квантовые технологии", "астрофизика", "генетика", "новые материалы")));

  static final List<Event> EVENTS =
      List.of(
          new Event(
              "{S} запускает {O}",
              "{S} запускает {O}. В первую волну доступ получат {N} тыс. пользователей,"
                  + " полный релиз ожидается в {MONTH}.",
              "доступ получат {N} тыс. пользователей, полный релиз — в {MONTH}"),
          new Event(
              "{S} открывает центр разработки в {C}",
              "{S} открывает центр разработки в {C}. Центр займётся направлением «{A}»,"
                  + " в первый год там будут работать {N} инженеров. Инвестиции составят {M} млн рублей.",
              "центр в {C} на {N} инженеров, инвестиции — {M} млн ₽"),
          new Event(
              "{S} сообщает о росте выручки на {P}%",
              "По итогам {Q} квартала выручка выросла на {P}% год к году. Главным драйвером стало"
                  + " направление «{A}», его доля достигла {P2}%.",
              "выручка выросла на {P}% за {Q} квартал, драйвер — «{A}»"),
          new Event(
              "{S} обновляет {O}",
              "В новой версии появилась поддержка направления «{A}». По словам разработчиков,"
                  + " скорость работы выросла на {P}%, а число ошибок снизилось вдвое.",
              "новая версия быстрее на {P}%, добавлена поддержка «{A}»"),
          new Event(
              "{S} и {S2} объявляют о партнёрстве",
              "Компании вместе развивают направление «{A}». Первые результаты покажут в {MONTH},"
                  + " бюджет программы — {M} млн рублей.",
              "совместная программа «{A}» с бюджетом {M} млн ₽, результаты — в {MONTH}"),
          new Event(
              "{S} ищет {N} специалистов",
              "{S} расширяет команду направления «{A}»: до конца года планируется нанять {N}"
                  + " специалистов. Часть вакансий открыта в {C}.",
              "наймёт {N} специалистов до конца года, вакансии открыты в {C}"),
          new Event(
              "{S} проводит конференцию в {C}",
              "Конференция пройдёт в {MONTH}, организаторы ожидают {N} тыс. участников."
                  + " Главная тема программы — «{A}».",
              "конференция в {MONTH}, ожидается {N} тыс. участников, тема — «{A}»"),
          new Event(
              "{S} устраняет сбой в работе сервисов",
              "Сбой продолжался {N} минут и затронул около {P}% пользователей. Причиной стала"
                  + " ошибка в обновлении, пострадавшим обещают компенсации.",
              "сбой длился {N} мин и затронул около {P}% пользователей"));

  /** Cities in the prepositional case ("в Казани"). */
  static final List<String> CITIES_PREPOSITIONAL =
      List.of(
          "Москве",
          "Санкт-Петербурге",
          "Казани",
          "Новосибирске",
          "Екатеринбурге",
          "Иннополисе",
          "Нижнем Новгороде");

  /** Months in the prepositional case ("в декабре"). */
  static final List<String> MONTHS_PREPOSITIONAL =
      List.of(
          "январе",
          "феврале",
          "марте",
          "апреле",
          "мае",
          "июне",
          "июле",
          "августе",
          "сентябре",
          "октябре",
          "ноябре",
          "декабре");

  /** Ordinal quarters in the genitive ("третьего квартала"). */
  static final List<String> QUARTERS_GENITIVE =
      List.of("первого", "второго", "третьего", "четвёртого");

  /** Sentences that say nothing: the {@link Defect#FILLER} padding. */
  static final List<String> FILLER =
      List.of(
          "В целом период выдался насыщенным и интересным.",
          "Следите за обновлениями — дальше будет ещё интереснее.",
          "Как всегда, в мире технологий происходит много всего.",
          "Подробности можно найти в исходных постах канала.",
          "Это лишь часть того, что произошло за это время.",
          "Многие эксперты считают, что это важно для отрасли.");

  static Theme themeFor(String channel) {
    String name = channel.toLowerCase(Locale.ROOT);
    for (Theme theme : THEMES) {
      if (name.contains(theme.key())) {
        return theme;
      }
    }
    return THEMES.get(Math.floorMod(name.hashCode(), THEMES.size()));
  }

  static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
