package io.butlerbench.service;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Stored documents as JSON-ready maps: dates as ISO-8601, {@code _id} left out. */
public final class Json {
  private Json() {}

  public static Map<String, Object> of(Document document) {
    Map<String, Object> map = new LinkedHashMap<>();
    document.forEach(
        (key, value) -> {
          if (!key.equals("_id")) {
            map.put(key, value(value));
          }
        });
    return map;
  }

  private static Object value(Object value) {
    if (value instanceof Document document) {
      return of(document);
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof List<?> list) {
      List<Object> converted = new ArrayList<>(list.size());
      list.forEach(item -> converted.add(value(item)));
      return converted;
    }
    return value;
  }
}
