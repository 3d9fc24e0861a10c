package io.butlerbench.seeder.content;

import java.util.List;
import java.util.Locale;

/** Russian code-review findings and recommendations, and the files of each homework assignment. */
final class ReviewCorpus {
  private ReviewCorpus() {}

  record FindingTemplate(
      String pass, String severity, String title, String description, String recommendation) {}

  static final List<String> SEVERITY_ORDER = List.of("critical", "major", "minor", "info");

  static final List<FindingTemplate> FINDINGS =
      List.of(
          new FindingTemplate(
              "architecture",
              "major",
              "Бизнес-логика смешана с вводом-выводом",
              "Функции одновременно читают данные, считают результат и печатают его, поэтому логику"
                  + " нельзя проверить отдельно.",
              "Вынести вычисления в чистые функции и покрыть их модульными тестами."),
          new FindingTemplate(
              "architecture",
              "major",
              "Глобальное изменяемое состояние",
              "Модуль хранит состояние в глобальных переменных, и результат зависит от порядка вызовов.",
              "Передавать состояние явно через параметры или объект сервиса."),
          new FindingTemplate(
              "architecture",
              "minor",
              "Нет слоя доступа к данным",
              "Обработчики обращаются к хранилищу напрямую, без отдельного слоя репозитория.",
              "Выделить репозиторий и обращаться к данным только через него."),
          new FindingTemplate(
              "architecture",
              "critical",
              "Секреты в репозитории",
              "Пароль от базы данных записан прямо в коде и попадёт в историю git.",
              "Читать секреты из переменных окружения и удалить пароль из истории."),
          new FindingTemplate(
              "component",
              "critical",
              "SQL-запрос собирается конкатенацией строк",
              "Пользовательский ввод подставляется в запрос без параметров, это открывает путь к"
                  + " SQL-инъекции.",
              "Использовать параметризованные запросы."),
          new FindingTemplate(
              "component",
              "major",
              "Исключения проглатываются",
              "Блок except перехватывает все исключения и ничего не сообщает, ошибки теряются.",
              "Перехватывать конкретные исключения и логировать причину."),
          new FindingTemplate(
              "component",
              "major",
              "Ресурсы не закрываются",
              "Файлы и соединения открываются без контекстного менеджера и остаются открытыми при"
                  + " ошибке.",
              "Открывать файлы и соединения через with."),
          new FindingTemplate(
              "component",
              "major",
              "Блокирующий вызов в асинхронном коде",
              "Внутри корутины вызывается синхронный запрос, и весь цикл событий останавливается.",
              "Заменить вызов на асинхронный клиент или вынести его в пул потоков."),
          new FindingTemplate(
              "component",
              "minor",
              "Магические числа",
              "Таймауты и лимиты записаны прямо в коде без имени и пояснения.",
              "Вынести значения в именованные константы или конфигурацию."),
          new FindingTemplate(
              "component",
              "minor",
              "Дублирование кода",
              "Два обработчика почти дословно повторяют одну и ту же проверку входных данных.",
              "Вынести общую проверку в отдельную функцию."),
          new FindingTemplate(
              "component",
              "info",
              "Нет тестов на граничные случаи",
              "Тесты проверяют только основной сценарий: пустой ввод и ошибки не покрыты.",
              "Добавить тесты на пустой ввод, ошибки сети и некорректные данные."));

  /** Titles of problems that no generated report contains: the invented-fact defect uses them. */
  static final List<String> INVENTED_FINDINGS =
      List.of(
          "Утечка памяти в кэше",
          "Гонка данных при записи в файл",
          "Неверная кодировка при чтении CSV",
          "Рекурсия без условия выхода");

  private static final List<List<String>> FILES =
      List.of(
          List.of(
              "linked_list", "linked_list.py", "node.py", "main.py", "tests/test_linked_list.py"),
          List.of(
              "rest_api", "app/main.py", "app/routes/users.py", "app/db.py", "tests/test_users.py"),
          List.of(
              "async",
              "crawler/fetcher.py",
              "crawler/queue.py",
              "crawler/parser.py",
              "tests/test_fetcher.py"),
          List.of(
              "sql",
              "reports/queries.sql",
              "reports/build.py",
              "reports/export.py",
              "tests/test_reports.py"),
          List.of(
              "docker",
              "Dockerfile",
              "docker-compose.yml",
              "app/config.py",
              "scripts/entrypoint.sh"));

  /** Files a student's solution of this assignment has, matched by keyword in its id. */
  static List<String> filesFor(String assignmentId) {
    String id = assignmentId.toLowerCase(Locale.ROOT);
    for (List<String> entry : FILES) {
      if (id.contains(entry.get(0))) {
        return entry.subList(1, entry.size());
      }
    }
    return FILES.get(Math.floorMod(id.hashCode(), FILES.size())).subList(1, 5);
  }
}
