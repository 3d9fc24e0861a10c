package io.butlerbench.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.h2.mvstore.MVStore;

/**
 * How the H2 backend lays a database out in one MVStore: per collection a data map {@code
 * databases.<db>.<collection>} keyed by {@code _id}, a meta map {@code meta.<db>.<collection>} and
 * one map per unique index {@code <db>.<collection>._index_<name>}. Secondary (non-unique) indexes
 * are not stored at all.
 *
 * <p>An insert writes the data map and then each index map; the store's background commit does not
 * wait for the insert to finish, so a kill at the wrong moment leaves a document without its index
 * entries (the insert of that id then fails with "Document with key ... already existed", while
 * {@code find} by id, which goes through the index, returns nothing). Indexes are derived data:
 * dropping their maps makes the backend rebuild them from the documents when it opens.
 */
final class StoreMaps {
  static final String DATA_PREFIX = "databases.";
  static final String META_PREFIX = "meta.";
  static final String INDEX_INFIX = "._index_";
  static final String ID_INDEX = "_id_";

  private StoreMaps() {}

  /** Every index map, by the full name ({@code db.collection}) of its collection. */
  static Map<String, List<String>> indexMaps(MVStore store) {
    Map<String, List<String>> byCollection = new TreeMap<>();
    for (String name : store.getMapNames()) {
      int infix = name.indexOf(INDEX_INFIX);
      if (infix > 0 && !name.startsWith(DATA_PREFIX) && !name.startsWith(META_PREFIX)) {
        byCollection.computeIfAbsent(name.substring(0, infix), c -> new ArrayList<>()).add(name);
      }
    }
    return byCollection;
  }

  /**
   * Collections whose {@code _id} index does not hold one entry per document: the cheap check run
   * at every start (a map's size is kept in its root page).
   */
  static Map<String, List<String>> inconsistentIndexMaps(MVStore store) {
    Map<String, List<String>> inconsistent = new TreeMap<>();
    indexMaps(store)
        .forEach(
            (collection, maps) -> {
              String idIndex = collection + INDEX_INFIX + ID_INDEX;
              String data = DATA_PREFIX + collection;
              if (maps.contains(idIndex)
                  && store.hasMap(data)
                  && store.openMap(idIndex).sizeAsLong() != store.openMap(data).sizeAsLong()) {
                inconsistent.put(collection, maps);
              }
            });
    return inconsistent;
  }

  static long documents(MVStore store, String collection) {
    String data = DATA_PREFIX + collection;
    return store.hasMap(data) ? store.openMap(data).sizeAsLong() : 0;
  }

  static String indexName(String indexMap) {
    return indexMap.substring(indexMap.indexOf(INDEX_INFIX) + INDEX_INFIX.length());
  }
}
