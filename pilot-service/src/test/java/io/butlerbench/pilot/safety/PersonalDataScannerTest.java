package io.butlerbench.pilot.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataScannerTest {
  final PersonalDataScanner scanner = new PersonalDataScanner();

  List<String> kinds(String text) {
    return scanner.scan(text).stream().map(PersonalDataScanner.Finding::kind).toList();
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Пишите на ivan.petrov@mail.ru после семинара|email",
        "Звоните +7 (912) 345-67-89 до вечера|phone",
        "Телефон 8 912 345 67 89 указан в анкете|phone",
        "Номер +79123456789 в профиле|phone",
        "London office: +44 20 7946 0958|phone",
        "Карта 4111 1111 1111 1111 привязана|payment_card",
        "Оплата с 5500-0000-0000-0004 прошла|payment_card",
        "Паспорт 45 08 123456 выдан ОВД|passport",
        "серия 4508 номер 123456|passport",
      })
  void personalDataIsFound(String text, String kind) {
    assertTrue(kinds(text).contains(kind), kinds(text) + " in: " + text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Выручка выросла на 17% и достигла 300 млн рублей.",
        "Сбой продолжался 38 минут и затронул 12% пользователей.",
        "Номер заказа 4111 1111 1111 1112 не карта: Luhn не сходится.",
        "Идентификатор поста 4508123456 в канале.",
        "В 2026 году 120 тыс. пользователей получат доступ.",
        "Файл app/db.py:42 содержит ошибку.",
      })
  void ordinaryDigestTextIsClean(String text) {
    assertEquals(List.of(), scanner.scan(text), text);
  }

  @org.junit.jupiter.api.Test
  void findingsAreMaskedAndLocated() {
    var finding = scanner.scan("почта: ivan.petrov@mail.ru").get(0);
    assertEquals(7, finding.offset());
    assertEquals("iv" + "*".repeat(15) + "ru", finding.masked());
    assertFalse(finding.masked().contains("petrov"));
  }

  @org.junit.jupiter.api.Test
  void luhnCheck() {
    assertTrue(PersonalDataScanner.luhn("4111111111111111"));
    assertFalse(PersonalDataScanner.luhn("4111111111111112"));
    assertFalse(PersonalDataScanner.luhn("000000000000"));
  }
}
