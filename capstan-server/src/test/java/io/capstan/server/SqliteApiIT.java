package io.capstan.server;

import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;

/** The API contract with the embedded default, SQLite. */
class SqliteApiIT extends ReferenceWireContract {

    @Override
    protected Store openStore() {
        return Stores.sqlite(dataDir.resolve("capstan.db"));
    }

    @Override
    protected Store reopenStore() {
        return openStore();
    }
}
