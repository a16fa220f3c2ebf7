package io.github.dingtalkauth.cluster;

import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.DefaultSessionIdManager;
import org.eclipse.jetty.session.JDBCSessionDataStoreFactory;
import org.eclipse.jetty.session.NullSessionCacheFactory;

/**
 * Jetty's sessions kept in PostgreSQL, as the README's cluster section configures them: the JDBC session data store,
 * no session cache (every request reads the session from the database, so a change made on the other node is never
 * missed) and the session written before the response is committed (so the browser's next request, on whichever node,
 * already finds it), and a worker name of the node's own.
 */
final class JdbcSessions {
    private JdbcSessions() {
    }

    static Consumer<Server> in(Postgres postgres, String workerName) {
        return server -> {
            NullSessionCacheFactory cache = new NullSessionCacheFactory();
            cache.setFlushOnResponseCommit(true);
            DatabaseAdaptor database = new DatabaseAdaptor();
            database.setDriverInfo("org.postgresql.Driver", postgres.jdbcUrl());
            JDBCSessionDataStoreFactory store = new JDBCSessionDataStoreFactory();
            store.setDatabaseAdaptor(database);
            DefaultSessionIdManager ids = new DefaultSessionIdManager(server);
            ids.setWorkerName(workerName);
            server.addBean(cache);
            server.addBean(store);
            server.addBean(ids, true);
        };
    }
}
